package wolf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** A small JSON client for a node's HTTP API, used by {@code wolfctl} and {@code status}. */
public final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  public ApiClient(String baseUrl, Duration timeout) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public String base() {
    return base.toString();
  }

  /**
   * GETs a JSON document. A problem+json answer becomes a {@link Cli.UserError} with its detail; an
   * unreachable node becomes one with exit code {@link Cli#UNREACHABLE}.
   */
  public JsonNode get(String path) {
    return send(path, HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build());
  }

  /**
   * POSTs a JSON body, with {@code Authorization: Bearer token} when {@code token} is not empty;
   * errors as for {@link #get}.
   */
  public JsonNode post(String path, String json, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(path, b.build());
  }

  private JsonNode send(String path, HttpRequest req) {
    HttpResponse<String> r;
    try {
      r = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpTimeoutException e) {
      throw new Cli.UserError(
          "cannot reach a node at " + base + " (" + e.getClass().getSimpleName() + ")",
          Cli.UNREACHABLE);
    } catch (IOException e) {
      throw new Cli.UserError("cannot reach a node at " + base + ": " + e, Cli.UNREACHABLE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cli.UserError("interrupted", Cli.UNREACHABLE);
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new Cli.UserError(base + path + " answered " + r.statusCode() + " with no JSON body");
    }
    if (r.statusCode() >= 400) {
      String detail = body.path("detail").asText(body.toString());
      throw new Cli.UserError(base + path + ": " + r.statusCode() + " " + detail, Cli.UNREACHABLE);
    }
    return body;
  }

  public static String pretty(JsonNode n) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
    } catch (IOException e) {
      return n.toString();
    }
  }
}
