package wolf.net.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's control socket: a Unix domain socket (mode 0600, so only its owner — root — may ask)
 * that answers one request line per connection with one JSON document and closes. Requests: {@code
 * status} (the whole {@link DeviceStatus}), {@code peers} (its peers), {@code info} (interface,
 * key, port, version). Anything else gets {@code {"error": "..."}}. One thread; each answer is
 * small and quick. The socket file is removed on {@link #close}.
 */
public final class ControlServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path path;
  private final ServerSocketChannel server;
  private final Supplier<DeviceStatus> status;
  private final Map<String, Object> info;
  private final Thread thread;

  private ControlServer(
      Path path,
      ServerSocketChannel server,
      Supplier<DeviceStatus> status,
      Map<String, Object> info) {
    this.path = path;
    this.server = server;
    this.status = status;
    this.info = info;
    this.thread = new Thread(this::serve, "wolfnet-control");
    thread.setDaemon(true);
  }

  /** Binds {@code path} (replacing a stale socket file) and starts answering. */
  public static ControlServer start(
      Path path, Supplier<DeviceStatus> status, Map<String, Object> info) throws IOException {
    Files.createDirectories(path.toAbsolutePath().getParent());
    Files.deleteIfExists(path);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    ControlServer c = new ControlServer(path, server, status, info);
    c.thread.start();
    return c;
  }

  private void serve() {
    while (server.isOpen()) {
      try (SocketChannel client = server.accept()) {
        String request = readLine(client);
        byte[] answer = JSON.writeValueAsBytes(answer(request));
        ByteBuffer out = ByteBuffer.wrap(answer);
        while (out.hasRemaining()) {
          client.write(out);
        }
      } catch (IOException e) {
        if (server.isOpen()) {
          log.warn("control socket {}: {}", path, e.toString());
        }
      } catch (RuntimeException e) {
        log.error("control socket {}: request failed", path, e);
      }
    }
  }

  private Object answer(String request) {
    return switch (request) {
      case "status" -> status.get();
      case "peers" -> status.get().peers();
      case "info" -> info;
      default -> Map.of("error", "unknown request '" + request + "'; try status, peers, info");
    };
  }

  private static String readLine(SocketChannel c) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(256);
    while (b.hasRemaining() && c.read(b) > 0) {
      if (b.get(b.position() - 1) == '\n') {
        break;
      }
    }
    return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
  }

  /** Sends {@code request} to the socket at {@code path}; returns the JSON answer. */
  public static String ask(Path path, String request) throws IOException {
    try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      c.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
      c.shutdownOutput();
      return new String(readAll(c), StandardCharsets.UTF_8);
    }
  }

  private static byte[] readAll(SocketChannel c) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.allocate(8192);
    while (c.read(b) > 0) {
      out.write(b.array(), 0, b.position());
      b.clear();
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    try {
      server.close();
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.warn("control socket {}: close failed: {}", path, e.toString());
    }
  }
}
