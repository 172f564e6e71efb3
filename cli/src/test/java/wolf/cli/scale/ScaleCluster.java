package wolf.cli.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import wolf.cli.local.LocalCluster;
import wolf.scale.mariadb.MariaDbServer;

/**
 * Three WolfScale node JVMs, each with its own real MariaDB, driven the way an operator and a
 * client would: HTTP writes, {@code /status}, and SQL straight into each node's MariaDB to check
 * the replicas.
 */
final class ScaleCluster implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final LocalCluster c;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  /** An HTTP answer. */
  record Answer(int status, JsonNode body) {
    long lsn() {
      return body.path("lsn").asLong();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  ScaleCluster(Path dir, String name, int n, String clusterOptions) throws IOException {
    c = LocalCluster.create(dir, name, n, List.of("-Xmx256m"));
    if (!clusterOptions.isEmpty()) {
      c.setClusterOptions(clusterOptions);
    }
    c.startDatabases();
  }

  /** Starts every node and waits until each answers {@code /ready}. */
  ScaleCluster startAll(Duration max) throws Exception {
    for (int i = 0; i < c.nodes().size(); i++) {
      c.start(i, i == 0);
    }
    c.awaitFormed(max);
    awaitReady(max);
    return this;
  }

  void awaitReady(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    List<String> last = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      last.clear();
      boolean all = true;
      for (int i = 0; i < c.nodes().size(); i++) {
        if (!c.running(i)) {
          continue;
        }
        Answer a = get(i, "ready");
        last.add(c.node(i).id() + ": " + a);
        all &= a.status() == 200;
      }
      if (all) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not ready within " + max + ": " + last);
  }

  Answer get(int node, String path) {
    return send(node, HttpRequest.newBuilder(uri(node, path)).GET());
  }

  Answer post(int node, String path, String json) {
    return send(
        node,
        HttpRequest.newBuilder(uri(node, path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * POSTs like a client that retries what was certainly not applied (503 with {@code
   * outcome_unknown = false}: no leader yet, a leader change) for up to a minute.
   */
  Answer write(int node, String path, String json) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      Answer a = post(node, path, json);
      boolean retry =
          a.status() == 503 && !a.body().path("outcome_unknown").asBoolean(true)
              || a.status() == -1;
      if (!retry || System.nanoTime() > deadline) {
        return a;
      }
      Thread.sleep(200);
    }
  }

  private URI uri(int node, String path) {
    return URI.create(c.node(node).apiUrl() + "/" + path);
  }

  private Answer send(int node, HttpRequest.Builder b) {
    try {
      HttpResponse<String> r =
          http.send(
              b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
      return new Answer(r.statusCode(), body);
    } catch (IOException e) {
      return new Answer(-1, JSON.createObjectNode().put("error", e.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A JDBC connection straight into node {@code i}'s MariaDB. */
  Connection db(int i) throws SQLException {
    MariaDbServer m = c.database(i);
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + m.port() + "/?sslMode=disable",
        MariaDbServer.USER,
        MariaDbServer.PASSWORD);
  }

  /** One value of one query on node {@code i}'s MariaDB. */
  Optional<String> query(int i, String sql) throws SQLException {
    try (Connection con = db(i);
        Statement st = con.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next()
          ? Optional.ofNullable(rs.getString(rs.getMetaData().getColumnCount()))
          : Optional.empty();
    }
  }

  /** The applied LSN node {@code i} reports, or -1. */
  long applied(int i) {
    return get(i, "status").body().path("wolfscale").path("applied_lsn").asLong(-1);
  }

  /** Waits until every running node has applied at least {@code lsn}. */
  void awaitApplied(long lsn, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (int i = 0; i < c.nodes().size(); i++) {
        all &= !c.running(i) || applied(i) >= lsn;
      }
      if (all) {
        return;
      }
      Thread.sleep(50);
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < c.nodes().size(); i++) {
      b.append(c.node(i).id()).append(": ").append(get(i, "status").body()).append('\n');
    }
    throw new AssertionError("not all applied LSN " + lsn + " within " + max + ":\n" + b);
  }

  String logTail(int i) {
    return c.logTail(c.node(i));
  }

  @Override
  public void close() {
    c.close();
  }
}
