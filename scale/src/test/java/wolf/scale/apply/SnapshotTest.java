package wolf.scale.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wolf.scale.apply.ReplicationTest.sql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import wolf.config.DatabaseSettings;
import wolf.scale.mariadb.MariaDbServer;
import wolf.scale.mariadb.SharedMariaDb;
import wolf.scale.snapshot.SnapshotException;
import wolf.scale.snapshot.SnapshotInstalled;
import wolf.scale.snapshot.Snapshots;

/**
 * Snapshots between real servers: a dump taken from a follower while it applies a stream of writes,
 * restored into another server, carries the applied LSN that matches its data exactly — the
 * restored node continues from that LSN and ends identical, with every write exactly once.
 */
class SnapshotTest {
  @RegisterExtension static final SharedMariaDb db = new SharedMariaDb(3);

  private ScaleHarness h;
  private final AtomicBoolean writing = new AtomicBoolean(true);
  private final AtomicInteger written = new AtomicInteger();
  private final AtomicLong lastLsn = new AtomicLong();
  private CompletableFuture<Void> writer;

  @BeforeEach
  void start() throws Exception {
    h =
        ScaleHarness.leading(
            db.servers(),
            "CREATE DATABASE app",
            "CREATE TABLE app.events (n INT, payload BLOB)",
            "CREATE DATABASE other",
            "CREATE TABLE other.t (id INT PRIMARY KEY) ",
            "CREATE TRIGGER app.ev BEFORE INSERT ON app.events FOR EACH ROW SET NEW.n = NEW.n");
    h.stop(2);
    ScaleHarness.reset(h.servers.get(2)); // node 3 starts from nothing
    writer =
        CompletableFuture.runAsync(
            () -> {
              while (writing.get()) {
                int n = written.get();
                try {
                  lastLsn.set(
                      h.write(
                              0,
                              sql(
                                  "INSERT INTO app.events VALUES ("
                                      + n
                                      + ", UNHEX(REPEAT('00ff', 64)))"))
                          .lsn());
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
                written.incrementAndGet();
              }
            },
            Executors.newSingleThreadExecutor());
    ScaleHarness.await(() -> written.get() > 200, Duration.ofSeconds(30), "writes to start");
  }

  @AfterEach
  void stop() throws Exception {
    writing.set(false);
    writer.get(30, TimeUnit.SECONDS);
    h.close();
  }

  private void stopWritingAndAssertIdentical() throws Exception {
    writing.set(false);
    writer.get(30, TimeUnit.SECONDS);
    h.awaitApplied(lastLsn.get(), Duration.ofSeconds(60));
    int n = written.get();
    for (MariaDbServer s : h.servers) {
      assertEquals(
          n + "\t" + n + "\t" + (long) n * (n - 1) / 2,
          s.sql("SELECT COUNT(*), COUNT(DISTINCT n), SUM(n) FROM app.events").strip(),
          "server " + s.serverId());
    }
    h.assertIdentical("SELECT n, HEX(payload) FROM app.events ORDER BY n", "app.events", "other.t");
  }

  @Test
  void aDumpTakenUnderWritesRestoresWithItsOwnLsnAndCatchesUp() throws Exception {
    Materializer m = Materializer.matFromSystem(h.system);
    DatabaseSettings source = ScaleHarness.settings(h.servers.get(1), "");
    DatabaseSettings target = ScaleHarness.settings(h.servers.get(2), "");
    var blocking = Executors.newCachedThreadPool();
    List<Long> progress = new CopyOnWriteArrayList<>();
    SnapshotInstalled i =
        new Snapshots(target, blocking)
            .restore(new Snapshots(source, blocking).dump(), progress::add, m)
            .toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
    System.out.println("snapshot " + i + "; log at " + h.log.lastLsn() + "; progress " + progress);
    assertTrue(i.lsn() > 5 && i.lsn() <= h.log.lastLsn(), i.toString());
    assertEquals(i.bytes(), progress.get(progress.size() - 1));
    assertEquals(
        String.valueOf(i.lsn()),
        h.servers.get(2).sql("SELECT lsn FROM wolfscale.applied").strip(),
        "the LSN travels inside the dump");
    assertEquals(
        "ev", h.servers.get(2).sql("SELECT trigger_name FROM information_schema.triggers").strip());
    h.start(2); // continues from the snapshot's LSN
    stopWritingAndAssertIdentical();
    blocking.shutdown();
  }

  @Test
  void aNodeTheLogCannotFeedInstallsASnapshotThroughWolfScale() throws Exception {
    ScaleHarness.await(() -> written.get() > 400, Duration.ofSeconds(30), "more writes");
    h.log.pruneBefore(100);
    h.start(2);
    h.awaitMode(2, "stopped");
    assertTrue(
        h.status(2).needsSnapshot().orElseThrow().contains("retention"), h.status(2).toString());
    List<Long> progress = new ArrayList<>();
    SnapshotInstalled i =
        h.nodes[2]
            .installSnapshot(h.nodes[1].dump(), progress::add)
            .toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
    assertEquals(i.lsn(), h.log.node("node-3").resetTo);
    assertTrue(h.status(2).needsSnapshot().isEmpty());
    assertTrue(!progress.isEmpty());
    stopWritingAndAssertIdentical();
  }

  @Test
  void aFailingDumpFailsTheStreamWithTheToolsError() {
    MariaDbServer s = h.servers.get(1);
    DatabaseSettings wrong =
        new DatabaseSettings("127.0.0.1", s.port(), MariaDbServer.USER, "wrong", "", 1);
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                new Snapshots(wrong, Executors.newCachedThreadPool())
                    .dump()
                    .runWith(Sink.ignore(), Materializer.matFromSystem(h.system))
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof SnapshotException, e.toString());
    assertTrue(e.getCause().getMessage().contains("Access denied"), e.getCause().getMessage());
  }
}
