package wolf.cli.bench.repl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Writes through the WolfScale HTTP write API: {@code POST /write/insert} of {@code {"database":
 * "bench", "table": "t", "values": {"k": seq, "v": "row-seq"}}} to one node, answered {@code
 * {"lsn", "affected_rows", "last_insert_id"}}.
 *
 * <p>The writers of one run share one {@link HttpClient} (HTTP/1.1: its pool keeps one keep-alive
 * connection per concurrent request, so per writer thread in effect). One client per thread costs a
 * selector thread each: on 2 cores, 16 such clients against a trivial server did 1,880 requests/s
 * where one shared client did 3,148.
 */
public final class HttpRowWriter implements Client {
  /** The node answered with an HTTP status other than 200. */
  public static class StatusException extends IOException {
    private final int status;

    StatusException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /**
   * The node answered 404 (no such route) or 405 (the path exists for GET only): this build does
   * not serve the write API.
   */
  public static final class WriteApiMissingException extends StatusException {
    WriteApiMissingException(int status, String detail) {
      super(status, "the write API answered " + status + ": " + detail);
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final String apiUrl;

  public HttpRowWriter(HttpClient http, String apiUrl) {
    this.http = http;
    this.apiUrl = apiUrl;
  }

  /** An HTTP/1.1 client for the writers of one run. */
  public static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Override
  public long send(int seq) throws IOException, InterruptedException {
    String body =
        "{\"database\":\"bench\",\"table\":\"t\",\"values\":{\"k\":"
            + seq
            + ",\"v\":\"row-"
            + seq
            + "\"}}";
    JsonNode answer = post(http, apiUrl, "/write/insert", body);
    JsonNode id = answer.get("last_insert_id");
    if (id == null || !id.canConvertToLong()) {
      throw new IOException("no last_insert_id in the answer " + answer);
    }
    return id.asLong();
  }

  /**
   * Runs one DDL statement through {@code POST /write/ddl}.
   *
   * @param database the default schema, or null for none
   * @throws WriteApiMissingException on 404 or 405
   * @throws StatusException on any other answer than 200
   */
  public static JsonNode ddl(String apiUrl, String ddl, String database)
      throws IOException, InterruptedException {
    var body = JSON.createObjectNode().put("ddl", ddl);
    if (database != null) {
      body.put("database", database);
    }
    return post(newClient(), apiUrl, "/write/ddl", JSON.writeValueAsString(body));
  }

  static JsonNode post(HttpClient http, String apiUrl, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiUrl + path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 404 || r.statusCode() == 405) {
      throw new WriteApiMissingException(r.statusCode(), path + " " + r.body());
    }
    if (r.statusCode() != 200) {
      throw new StatusException(
          r.statusCode(), "POST " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  @Override
  public void close() {
    // The client is shared; its connections go with it (HttpClient has no close() before JDK 21).
  }
}
