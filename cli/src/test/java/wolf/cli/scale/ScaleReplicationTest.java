package wolf.cli.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three WolfScale nodes with real MariaDBs: writes through HTTP on every node, replicas equal. */
class ScaleReplicationTest {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void writesOnEveryNodeReachEveryDatabaseIdentically() throws Exception {
    try (ScaleCluster s =
        new ScaleCluster(dir, "wsbasic", 3, "").startAll(Duration.ofSeconds(120))) {
      ScaleCluster.Answer a = s.post(1, "write/ddl", "{\"ddl\":\"CREATE DATABASE shop\"}");
      assertEquals(200, a.status(), a.toString());
      a =
          s.post(
              2,
              "write/ddl",
              "{\"database\":\"shop\",\"ddl\":\"CREATE TABLE items (id BIGINT AUTO_INCREMENT"
                  + " PRIMARY KEY, name VARCHAR(64), price DECIMAL(10,2), created DATETIME(6)"
                  + " DEFAULT NOW(6), r DOUBLE)\"}");
      assertEquals(200, a.status(), a.toString());
      long last = 0;
      for (int i = 0; i < 30; i++) {
        a =
            s.post(
                i % 3,
                "write/insert",
                "{\"database\":\"shop\",\"table\":\"items\",\"values\":{\"name\":\"item "
                    + i
                    + "\",\"price\":"
                    + (i + 0.25)
                    + "}}");
        assertEquals(200, a.status(), a.toString());
        assertEquals(1, a.body().path("affected_rows").asLong(), a.toString());
        assertTrue(a.body().path("last_insert_id").asLong() > 0, a.toString());
        assertTrue(a.lsn() > last, a.toString());
        last = a.lsn();
      }
      a =
          s.post(
              1,
              "write/sql",
              "{\"database\":\"shop\",\"sql\":\"UPDATE items SET r = RAND(), created = NOW(6)"
                  + " WHERE id % 2 = 0\"}");
      assertEquals(200, a.status(), a.toString());
      last = Math.max(last, a.lsn());
      s.awaitApplied(last, Duration.ofSeconds(30));
      Set<String> sums = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        sums.add(s.query(i, "CHECKSUM TABLE shop.items").orElse("none"));
      }
      assertEquals(1, sums.size(), "CHECKSUM TABLE differs: " + sums);
      assertEquals("30", s.query(2, "SELECT COUNT(*) FROM shop.items").orElseThrow());
    }
  }
}
