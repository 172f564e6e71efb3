package wolf.cli.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import wolf.cli.local.LocalCluster;
import wolf.scale.mariadb.MariaDbServer;

/** The demo's writes: a database, a table and rows through one node, read back on every node. */
final class DemoWrites {
  private DemoWrites() {}

  static void run(LocalCluster c, String api) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String[][] writes = {
      {"ddl", "{\"ddl\":\"CREATE DATABASE IF NOT EXISTS demo\"}"},
      {
        "ddl",
        "{\"database\":\"demo\",\"ddl\":\"CREATE TABLE IF NOT EXISTS notes (id BIGINT"
            + " AUTO_INCREMENT PRIMARY KEY, body VARCHAR(200), at DATETIME(6) DEFAULT NOW(6))\"}"
      },
      {"insert", "{\"database\":\"demo\",\"table\":\"notes\",\"values\":{\"body\":\"first\"}}"},
      {"insert", "{\"database\":\"demo\",\"table\":\"notes\",\"values\":{\"body\":\"second\"}}"}
    };
    for (String[] w : writes) {
      HttpResponse<String> r = postUntilServed(http, api + "/write/" + w[0], w[1]);
      System.out.printf("$ curl -X POST %s/write/%s -d '%s'%n  -> %s%n", api, w[0], w[1], r.body());
    }
    Thread.sleep(500);
    for (int i = 0; i < c.nodes().size(); i++) {
      MariaDbServer db = c.database(i);
      try (Connection con =
              DriverManager.getConnection(
                  "jdbc:mariadb://127.0.0.1:" + db.port() + "/?sslMode=disable",
                  MariaDbServer.USER,
                  MariaDbServer.PASSWORD);
          Statement st = con.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM demo.notes")) {
        rs.next();
        System.out.printf(
            "%s's MariaDB (port %d) holds %d note(s)%n", c.node(i).id(), db.port(), rs.getLong(1));
      }
    }
    System.out.println();
  }

  /** Retries while the cluster is still electing (503). */
  private static HttpResponse<String> postUntilServed(HttpClient http, String url, String body)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 503 || System.nanoTime() > deadline) {
        return r;
      }
      Thread.sleep(200);
    }
  }
}
