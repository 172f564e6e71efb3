package wolf.cli.bench.repl;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code GET /health} to one node over keep-alive HTTP/1.1: what the HTTP path (JDK client plus the
 * node's Pekko HTTP server) costs per request with no database behind it — the ceiling the write
 * API cannot pass. Writes nothing.
 */
public final class HealthGetter implements Client {
  private final HttpClient http;
  private final HttpRequest request;

  /** {@code http}: shared by the threads of a run, as {@link HttpRowWriter}'s is. */
  public HealthGetter(HttpClient http, String apiUrl) {
    this.http = http;
    request =
        HttpRequest.newBuilder(URI.create(apiUrl + "/health"))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
  }

  @Override
  public long send(int seq) throws IOException, InterruptedException {
    HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 200) {
      throw new IOException("GET /health answered " + r.statusCode());
    }
    return -1;
  }

  @Override
  public void close() {
    // Nothing to release before JDK 21.
  }
}
