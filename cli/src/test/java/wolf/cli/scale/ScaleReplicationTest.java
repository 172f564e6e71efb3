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
      ScaleCluster.Answer a = s.write(1, "write/ddl", "{\"ddl\":\"CREATE DATABASE shop\"}");
      assertEquals(200, a.status(), a.toString());
      a =
          s.write(
              2,
              "write/ddl",
              "{\"database\":\"shop\",\"ddl\":\"CREATE TABLE items (id BIGINT AUTO_INCREMENT"
                  + " PRIMARY KEY, name VARCHAR(64), price DECIMAL(10,2), created DATETIME(6)"
                  + " DEFAULT NOW(6), r DOUBLE)\"}");
      assertEquals(200, a.status(), a.toString());
      long last = 0;
      for (int i = 0; i < 30; i++) {
        a =
            s.write(
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
          s.write(
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

      wolfctlShowsEveryNodesLog(s, last);
      refusedAndFailedWritesChangeNothing(s);
      nonDeterministicWorkloadGivesIdenticalReplicas(s);
      migrateRebuildsANodeFromAnother(s);
    }
  }

  /**
   * {@code wolfctl migrate --from node-2} on node-3, whose copy was damaged behind WolfScale's
   * back: a snapshot streams from node-2, node-3 matches it and goes on applying new writes.
   */
  private static void migrateRebuildsANodeFromAnother(ScaleCluster s) throws Exception {
    try (var con = s.db(2);
        var st = con.createStatement()) {
      st.execute("SET sql_log_bin = 0");
      st.execute("DELETE FROM shop.items WHERE id <= 5");
    }
    String damaged = s.query(2, "CHECKSUM TABLE shop.items").orElseThrow();
    assertTrue(!damaged.equals(s.query(1, "CHECKSUM TABLE shop.items").orElseThrow()));
    var run =
        wolf.cli.CommandsTest.run(
            new wolf.cli.WolfCtlMain(),
            "migrate",
            "--from",
            "node-2",
            "--api",
            s.c.node(2).apiUrl());
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("done:"), run.out());
    ScaleCluster.Answer a =
        s.write(
            0,
            "write/insert",
            "{\"database\":\"shop\",\"table\":\"items\",\"values\":{\"name\":\"after\"}}");
    assertEquals(200, a.status(), a.toString());
    s.awaitApplied(a.lsn(), Duration.ofSeconds(30));
    for (String table : new String[] {"items", "audit", "copies"}) {
      Set<String> sums = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        sums.add(s.query(i, "CHECKSUM TABLE shop." + table).orElse("none"));
      }
      assertEquals(1, sums.size(), table + " after migrate: " + sums + "\n" + run.out());
    }
  }

  /** {@code wolfctl list servers} and {@code stats} show LSNs and lag of every node. */
  private static void wolfctlShowsEveryNodesLog(ScaleCluster s, long last) {
    String api = s.c.node(2).apiUrl();
    var list =
        wolf.cli.CommandsTest.run(new wolf.cli.WolfCtlMain(), "list", "servers", "--api", api);
    assertEquals(0, list.code(), list.err());
    assertTrue(list.out().contains("DURABLE"), list.out());
    assertTrue(list.out().contains("APPLIED"), list.out());
    for (String id : new String[] {"node-1", "node-2", "node-3"}) {
      assertTrue(
          list.out().lines().anyMatch(l -> l.startsWith(id) && !l.contains(" - ")), list.out());
    }
    var stats =
        wolf.cli.CommandsTest.run(
            new wolf.cli.WolfCtlMain(),
            "stats",
            "--api",
            api,
            "--count",
            "2",
            "--interval-ms",
            "300");
    assertEquals(0, stats.code(), stats.err());
    assertTrue(stats.out().contains("writes/s"), stats.out());
    assertEquals(2, stats.out().lines().filter(l -> l.contains("commit LSN")).count(), stats.out());
    var status = wolf.cli.CommandsTest.run(new wolf.cli.WolfCtlMain(), "status", "--api", api);
    assertTrue(
        status.out().contains("applied " + last) || status.out().contains("log:"), status.out());
  }

  /** SQL errors come back unchanged and are not logged; no JSON field can inject SQL. */
  private static void refusedAndFailedWritesChangeNothing(ScaleCluster s) throws Exception {
    long commit = s.get(0, "status").body().path("replication").path("commit_lsn").asLong();
    ScaleCluster.Answer a =
        s.write(
            1, "write/insert", "{\"database\":\"shop\",\"table\":\"nope\",\"values\":{\"a\":1}}");
    assertEquals(422, a.status(), a.toString());
    assertEquals(1146, a.body().path("mariadb_errno").asInt(), a.toString());
    assertEquals("42S02", a.body().path("sqlstate").asText(), a.toString());
    assertTrue(a.body().path("detail").asText().contains("doesn't exist"), a.toString());
    a =
        s.write(
            2,
            "write/sql",
            "{\"database\":\"shop\",\"sql\":\"INSERT INTO items (id) VALUES (1)\"}");
    assertEquals(422, a.status(), a.toString());
    assertEquals(1062, a.body().path("mariadb_errno").asInt(), a.toString());
    for (String bad :
        new String[] {
          "{\"database\":\"shop\",\"table\":\"items; DROP TABLE items\",\"values\":{\"name\":\"x\"}}",
          "{\"database\":\"shop\",\"table\":\"items\",\"values\":{\"name`) VALUES (1); DROP TABLE items; --\":\"x\"}}",
          "{\"database\":\"shop`; DROP DATABASE shop; --\",\"table\":\"items\",\"values\":{\"name\":\"x\"}}",
          "{\"database\":\"shop\",\"table\":\"items\",\"values\":{\"name\":{\"nested\":1}}}",
          "{\"database\":\"shop\",\"table\":\"items\",\"values\":{\"name\":\"x\"},\"extra\":1}",
          "{\"database\":\"shop\",\"table\":\"items\"",
          "{\"database\":\"shop\",\"sql\":\"SELECT * FROM items\"}",
          "{\"database\":\"shop\",\"sql\":\"DELETE FROM items; DROP TABLE items\"}",
          "{\"database\":\"shop\",\"sql\":\"UPDATE items SET name = UUID()\"}",
          "{\"database\":\"shop\",\"sql\":\"INSERT INTO items (name) VALUES (CONNECTION_ID())\"}",
          "{\"database\":\"shop\",\"sql\":\"DELETE FROM items LIMIT 1\"}"
        }) {
      String kind = bad.contains("\"sql\"") ? "write/sql" : "write/insert";
      a = s.write(0, kind, bad);
      assertEquals(400, a.status(), bad + " -> " + a);
      assertEquals("application/problem+json".length() > 0, true);
    }
    a =
        s.write(
            0,
            "write/update",
            "{\"database\":\"shop\",\"table\":\"items\",\"set\":{\"name\":\"x' OR '1'='1\"},\"where_key\":{\"id\":\"1 OR 1=1\"}}");
    assertEquals(200, a.status(), a.toString());
    // The key is one bound value: MariaDB compares the BIGINT id with the string '1 OR 1=1' (which
    // it reads as 1), so exactly one row changes, and the quote lands in the data as text.
    assertEquals(1, a.body().path("affected_rows").asLong(), "the key is a value, not SQL: " + a);
    assertEquals(
        "1",
        s.query(0, "SELECT COUNT(*) FROM shop.items WHERE name = 'x'' OR ''1''=''1'")
            .orElseThrow());
    a = s.write(0, "write/delete", "{\"database\":\"shop\",\"table\":\"items\",\"where_key\":{}}");
    assertEquals(400, a.status(), a.toString());
    assertEquals("30", s.query(0, "SELECT COUNT(*) FROM shop.items").orElseThrow());
    long after = s.get(0, "status").body().path("replication").path("commit_lsn").asLong();
    // Only the update was logged; the errors and refusals were not.
    assertTrue(after <= commit + 1, "commit LSN went from " + commit + " to " + after);
  }

  /** NOW(), RAND(), AUTO_INCREMENT, LAST_INSERT_ID(), INSERT…SELECT and triggers replay equal. */
  private static void nonDeterministicWorkloadGivesIdenticalReplicas(ScaleCluster s)
      throws Exception {
    String[] ddl = {
      "CREATE TABLE audit (id BIGINT AUTO_INCREMENT PRIMARY KEY, item BIGINT, at DATETIME(6),"
          + " note VARCHAR(64))",
      "CREATE TRIGGER items_audit AFTER INSERT ON items FOR EACH ROW INSERT INTO audit (item,"
          + " at, note) VALUES (NEW.id, NOW(6), CONCAT('r', FLOOR(RAND() * 1000)))",
      "CREATE TABLE copies (id BIGINT AUTO_INCREMENT PRIMARY KEY, src BIGINT, name VARCHAR(64),"
          + " r DOUBLE, at TIMESTAMP(6))"
    };
    for (String d : ddl) {
      ScaleCluster.Answer a =
          s.write(
              0,
              "write/ddl",
              "{\"database\":\"shop\",\"ddl\":" + ScaleCluster.JSON.writeValueAsString(d) + "}");
      assertEquals(200, a.status(), d + " -> " + a);
    }
    String[] sql = {
      "INSERT INTO items (name, price, r) VALUES ('t1', 1.5, RAND())",
      "INSERT INTO copies (src, name, r, at) VALUES (LAST_INSERT_ID(), 'last', RAND(7), NOW(6))",
      "INSERT INTO copies (src, name, r, at) SELECT id, name, RAND(), SYSDATE(6) FROM items"
          + " WHERE id % 3 = 0 ORDER BY id",
      "UPDATE items SET price = price * 1.1, r = RAND() WHERE id IN (SELECT src FROM copies)",
      "INSERT INTO items (name, price) VALUES (CONCAT('u', UUID()), 2)",
      "DELETE FROM copies WHERE id % 4 = 0 ORDER BY id LIMIT 3",
      "INSERT INTO items (name, created) VALUES ('now', NOW(6)), ('cur', CURRENT_TIMESTAMP(6))",
      "REPLACE INTO copies (id, src, name, r, at) VALUES (1, 0, 'replaced', RAND(), UTC_TIMESTAMP(6))"
    };
    long last = 0;
    for (int round = 0; round < 3; round++) {
      for (String q : sql) {
        ScaleCluster.Answer a =
            s.write(
                round % 3,
                "write/sql",
                "{\"database\":\"shop\",\"sql\":" + ScaleCluster.JSON.writeValueAsString(q) + "}");
        assertEquals(200, a.status(), q + " -> " + a);
        last = Math.max(last, a.lsn());
      }
    }
    s.awaitApplied(last, Duration.ofSeconds(30));
    for (String table : new String[] {"items", "audit", "copies"}) {
      Set<String> sums = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        sums.add(s.query(i, "CHECKSUM TABLE shop." + table).orElse("none"));
      }
      assertEquals(1, sums.size(), table + ": CHECKSUM TABLE differs: " + sums);
    }
  }
}
