package wolf.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import wolf.cli.bench.repl.HttpRowWriter;

/**
 * The benchmark's WolfScale writer against a stub node: it reads {@code last_insert_id} from a
 * write answer, and tells "this build serves no write API" (404/405) apart from other failures.
 */
class HttpRowWriterTest {
  private static HttpServer stub(int status, String body) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    s.createContext(
        "/",
        x -> {
          x.getRequestBody().readAllBytes();
          byte[] b = body.getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(status, b.length);
          x.getResponseBody().write(b);
          x.close();
        });
    s.start();
    return s;
  }

  private static String url(HttpServer s) {
    return "http://127.0.0.1:" + s.getAddress().getPort();
  }

  @Test
  void returnsTheLeadersInsertId() throws Exception {
    HttpServer s = stub(200, "{\"lsn\":7,\"affected_rows\":1,\"last_insert_id\":42}");
    try {
      assertEquals(42, new HttpRowWriter(HttpRowWriter.newClient(), url(s)).send(1));
    } finally {
      s.stop(0);
    }
  }

  @Test
  void notFoundAndMethodNotAllowedMeanNoWriteApi() throws Exception {
    for (int status : new int[] {404, 405}) {
      HttpServer s = stub(status, "{\"title\":\"no\"}");
      try {
        HttpRowWriter.WriteApiMissingException e =
            assertThrows(
                HttpRowWriter.WriteApiMissingException.class,
                () -> HttpRowWriter.ddl(url(s), "CREATE DATABASE bench", null));
        assertEquals(status, e.status());
      } finally {
        s.stop(0);
      }
    }
  }

  @Test
  void unavailableIsAnotherFailure() throws Exception {
    HttpServer s = stub(503, "{\"title\":\"no leader\"}");
    try {
      HttpRowWriter.StatusException e =
          assertThrows(
              HttpRowWriter.StatusException.class,
              () -> new HttpRowWriter(HttpRowWriter.newClient(), url(s)).send(1));
      assertEquals(503, e.status());
      assertEquals(HttpRowWriter.StatusException.class, e.getClass());
    } finally {
      s.stop(0);
    }
  }
}
