package wolf.cli.bench.repl;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A trivial in-process HTTP server on loopback that answers every request with a fixed write answer
 * ({@code {"lsn":1,"affected_rows":1,"last_insert_id":1}}): driving it with {@link HttpRowWriter}s
 * shows what the benchmark's HTTP client costs by itself. Thread-safe; {@link #close()} stops it.
 */
public final class EchoServer implements AutoCloseable {
  private static final byte[] ANSWER =
      "{\"lsn\":1,\"affected_rows\":1,\"last_insert_id\":1}".getBytes(StandardCharsets.UTF_8);

  static {
    // Without it the JDK server leaves Nagle on, and every keep-alive answer waits ~40 ms for the
    // client's delayed ACK: that would measure TCP, not the client.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService pool;

  public EchoServer(int threads) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    pool = Executors.newFixedThreadPool(threads);
    server.setExecutor(pool);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, ANSWER.length);
          exchange.getResponseBody().write(ANSWER);
          exchange.close();
        });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
