package wolf.scale.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wolf.scale.apply.ReplicationTest.sql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import wolf.scale.mariadb.MariaDbServer;
import wolf.scale.mariadb.SharedMariaDb;

/**
 * A follower that loses its MariaDB, its connection or its process mid-stream resumes exactly once:
 * {@code app.events} has no key, so a duplicate would show as a second row and a skip as a missing
 * number. An apply error stops the applier and is reported until an operator retries.
 */
class ApplierRecoveryTest {
  @RegisterExtension static final SharedMariaDb db = new SharedMariaDb(3);
  static final int WRITES = 1200;

  private ScaleHarness h;

  @BeforeEach
  void start() throws Exception {
    h =
        ScaleHarness.leading(
            db.servers(),
            "CREATE DATABASE app",
            "CREATE TABLE app.events (n INT, at DATETIME(6))",
            "CREATE TABLE app.k (id INT PRIMARY KEY, v INT)");
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  /** Writes n = 0..WRITES-1 from 4 clients; runs {@code disturb} once a quarter is written. */
  private long writeEvents(Runnable disturb) throws Exception {
    AtomicInteger done = new AtomicInteger();
    AtomicLong last = new AtomicLong();
    List<CompletableFuture<Void>> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      int client = c;
      clients.add(
          CompletableFuture.runAsync(
              () -> {
                for (int n = client; n < WRITES; n += 4) {
                  try {
                    last.accumulateAndGet(
                        h.write(0, sql("INSERT INTO app.events VALUES (" + n + ", NOW(6))")).lsn(),
                        Math::max);
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                  if (done.incrementAndGet() == WRITES / 4) {
                    disturb.run();
                  }
                }
              }));
    }
    CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
    return last.get();
  }

  private void assertExactlyOnce(long lastLsn) throws Exception {
    h.awaitApplied(lastLsn, Duration.ofSeconds(60));
    for (MariaDbServer s : h.servers) {
      assertEquals(
          WRITES + "\t" + WRITES + "\t" + (long) WRITES * (WRITES - 1) / 2,
          s.sql("SELECT COUNT(*), COUNT(DISTINCT n), SUM(n) FROM app.events").strip(),
          "rows, distinct numbers, sum on server " + s.serverId());
    }
    h.assertIdentical("SELECT * FROM app.events ORDER BY n", "app.events");
  }

  @Test
  void aFollowerWhoseMariaDbIsKilledResumesExactlyOnce() throws Exception {
    MariaDbServer follower = h.servers.get(1);
    long last =
        writeEvents(
            () -> {
              try {
                follower.kill();
                Thread.sleep(1000);
                follower.restart();
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    assertExactlyOnce(last);
  }

  @Test
  void killingTheApplierConnectionsRepeatedlyNeitherRepeatsNorSkips() throws Exception {
    MariaDbServer follower = h.servers.get(2);
    long last =
        writeEvents(
            () -> {
              try {
                for (int i = 0; i < 5; i++) {
                  for (String id :
                      follower
                          .sql("SELECT id FROM information_schema.processlist WHERE user = 'wolf'")
                          .strip()
                          .split("\n")) {
                    if (!id.isBlank()) {
                      follower.sql("KILL CONNECTION " + id.strip());
                    }
                  }
                  Thread.sleep(150);
                }
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    assertExactlyOnce(last);
  }

  @Test
  void aFollowerProcessStoppedMidStreamRestartsFromItsAppliedLsn() throws Exception {
    long last =
        writeEvents(
            () -> {
              try {
                h.stop(2);
                Thread.sleep(500);
                h.start(2);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    assertExactlyOnce(last);
  }

  @Test
  void aCrashBeforeAGroupCommitsReappliesTheWholeGroup() throws Exception {
    h.stop(1);
    h.hooks[1] = h.crashOnceAt(1, FaultPoint.APPLY_BEFORE_COMMIT);
    h.start(1);
    long last = writeEvents(() -> {});
    ScaleHarness.await(() -> h.crashed.contains(1), Duration.ofSeconds(30), "the crash hook");
    h.stop(1);
    h.hooks[1] = FaultHooks.NONE;
    h.start(1);
    assertExactlyOnce(last);
  }

  @Test
  void anApplyErrorStopsTheApplierReportsItAndNothingIsSkipped() throws Exception {
    MariaDbServer follower = h.servers.get(1);
    follower.sql("INSERT INTO app.k VALUES (5, -1)"); // a local change the cluster does not know
    long[] lsn = new long[11];
    for (int i = 1; i <= 10; i++) {
      lsn[i] = h.write(0, sql("INSERT INTO app.k VALUES (" + i + ", " + i + ")")).lsn();
    }
    h.awaitMode(1, "stopped");
    ScaleStatus st = h.status(1);
    assertEquals(lsn[4], st.appliedLsn(), "applied up to the record before the failing one");
    assertTrue(st.applyError().orElseThrow().contains("LSN " + lsn[5]), st.toString());
    assertTrue(st.applyError().orElseThrow().contains("1062"), st.toString());
    assertTrue(h.log.node("node-2").applyError.orElseThrow().startsWith(lsn[5] + ":"));
    assertEquals(
        "1\t1\n2\t2\n3\t3\n4\t4\n5\t-1", follower.sql("SELECT * FROM app.k ORDER BY id").strip());
    h.awaitApplied(0, Duration.ofSeconds(1));
    assertEquals(
        10, h.servers.get(2).sql("SELECT * FROM app.k").strip().split("\n").length, "others go on");

    follower.sql("DELETE FROM app.k WHERE id = 5"); // the operator repairs the node
    h.nodes[1].retryApply();
    h.awaitApplied(lsn[10], Duration.ofSeconds(20));
    h.assertIdentical("SELECT * FROM app.k ORDER BY id", "app.k");
  }
}
