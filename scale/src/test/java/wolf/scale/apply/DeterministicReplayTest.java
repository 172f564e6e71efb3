package wolf.scale.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wolf.scale.apply.ReplicationTest.map;
import static wolf.scale.apply.ReplicationTest.sql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import wolf.scale.mariadb.SharedMariaDb;
import wolf.scale.write.NonDeterministicWriteException;
import wolf.scale.write.SqlWriteException;
import wolf.scale.write.WriteRequest;
import wolf.scale.write.WriteResult;

/**
 * A workload full of what replays differently unless pinned — NOW(), SYSDATE(), RAND(), UUID(),
 * AUTO_INCREMENT with gaps from failed writes, LAST_INSERT_ID(), INSERT…SELECT, ON DUPLICATE KEY
 * UPDATE, triggers that use NOW() and RAND() — from 16 concurrent clients: all replicas identical.
 */
class DeterministicReplayTest {
  @RegisterExtension static final SharedMariaDb db = new SharedMariaDb(3);

  static final List<String> SCHEMA =
      List.of(
          "CREATE DATABASE app",
          "CREATE TABLE app.orders (id INT AUTO_INCREMENT PRIMARY KEY, customer VARCHAR(20),"
              + " amount DECIMAL(10,2), created DATETIME(6), r DOUBLE, u CHAR(36), code INT UNIQUE)",
          "CREATE TABLE app.items (id INT AUTO_INCREMENT PRIMARY KEY, order_id INT, qty INT,"
              + " at DATETIME(6))",
          "CREATE TABLE app.audit (order_id INT, action VARCHAR(10), at DATETIME(6), note VARCHAR(40))",
          "CREATE TABLE app.totals (customer VARCHAR(20) PRIMARY KEY, n INT, total DECIMAL(12,2))",
          "CREATE TRIGGER app.orders_ai AFTER INSERT ON app.orders FOR EACH ROW INSERT INTO"
              + " app.audit VALUES (NEW.id, 'insert', NOW(6), CONCAT('r=', ROUND(RAND(), 6)))",
          "CREATE TRIGGER app.orders_au AFTER UPDATE ON app.orders FOR EACH ROW INSERT INTO"
              + " app.audit VALUES (NEW.id, 'update', SYSDATE(6), NULL)");

  private ScaleHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new ScaleHarness(db.servers(), ScaleLimits.defaults());
    h.startAll();
    h.lead(0);
    for (String ddl : SCHEMA) {
      h.write(0, new WriteRequest.Ddl(Optional.empty(), ddl));
    }
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  /** One random write of the workload. */
  static WriteRequest next(Random r) {
    String c = "c" + r.nextInt(5);
    switch (r.nextInt(9)) {
      case 0, 1:
        return sql(
            "INSERT INTO orders (customer, amount, created, r, u, code) VALUES ('"
                + c
                + "', ROUND(RAND() * 100, 2), NOW(6), RAND(), UUID(), "
                + r.nextInt(400)
                + ")");
      case 2:
        return sql(
            "INSERT INTO items (order_id, qty, at) VALUES (LAST_INSERT_ID(), FLOOR(1 + RAND() * 5), SYSDATE(6))");
      case 3:
        return sql(
            "INSERT INTO items (order_id, qty, at) SELECT id, 1, NOW(6) FROM orders WHERE customer = '"
                + c
                + "' ORDER BY id DESC LIMIT 3");
      case 4:
        return sql(
            "UPDATE orders SET amount = amount + 1 WHERE customer = '"
                + c
                + "' ORDER BY id LIMIT 2");
      case 5:
        return sql(
            "INSERT INTO totals SELECT customer, COUNT(*), SUM(amount) FROM orders GROUP BY customer"
                + " ORDER BY customer ON DUPLICATE KEY UPDATE n = VALUES(n), total = VALUES(total)");
      case 6:
        return new WriteRequest.Upsert(
            Optional.empty(), "totals", map("customer", c, "n", r.nextInt(100), "total", null));
      case 7:
        return sql("DELETE FROM items WHERE qty = 5 ORDER BY id LIMIT 1");
      default:
        return new WriteRequest.Insert(
            Optional.empty(),
            "orders",
            map(
                "customer",
                c,
                "amount",
                r.nextInt(1000) / 10.0,
                "code",
                1000 + r.nextInt(100_000)));
    }
  }

  @Test
  void aNonDeterministicWorkloadFrom16ClientsLeavesIdenticalReplicas() throws Exception {
    long seed = System.nanoTime();
    System.out.println("seed " + seed);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger sqlErrors = new AtomicInteger();
    AtomicLong lastLsn = new AtomicLong();
    List<CompletableFuture<Void>> clients = new ArrayList<>();
    for (int c = 0; c < 16; c++) {
      Random r = new Random(seed + c);
      clients.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < 60; i++) {
                  try {
                    WriteResult w = h.write(0, next(r));
                    ok.incrementAndGet();
                    lastLsn.accumulateAndGet(w.lsn(), Math::max);
                  } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof SqlWriteException s) || s.errorCode() != 1062) {
                      throw new AssertionError("seed " + seed + ": unexpected " + e.getCause(), e);
                    }
                    sqlErrors.incrementAndGet();
                  } catch (Exception e) {
                    throw new AssertionError("seed " + seed, e);
                  }
                }
              }));
    }
    CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
    System.out.println(ok + " writes, " + sqlErrors + " duplicate-key errors, last LSN " + lastLsn);
    assertTrue(sqlErrors.get() > 0, "the workload should leave auto-increment gaps on the leader");
    h.awaitApplied(lastLsn.get(), Duration.ofSeconds(60));
    for (String t : List.of("orders", "items", "audit", "totals")) {
      h.assertIdentical("SELECT * FROM app." + t + " ORDER BY 1, 2, 3", "app." + t);
    }
    String uuids =
        h.servers.get(0).sql("SELECT COUNT(DISTINCT u), COUNT(u) FROM app.orders").strip();
    String[] n = uuids.split("\t");
    assertEquals(n[0], n[1], "UUID() gave one value per row");
  }

  @Test
  void whatCannotReplayIsRefusedAndNothingIsLogged() throws Exception {
    long before = h.log.lastLsn();
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> h.write(0, sql("UPDATE app.orders SET u = UUID()")));
    assertTrue(e.getCause() instanceof NonDeterministicWriteException, e.toString());
    assertEquals(before, h.log.lastLsn());
  }
}
