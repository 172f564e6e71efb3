package wolf.scale.apply;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import wolf.scale.mariadb.SharedMariaDb;
import wolf.scale.write.WriteRequest;

/**
 * The applier keeps up with the leader: the leader's execution rate with 16 clients (the follower
 * applying alongside, its lag sampled), then the follower's apply rate on a backlog. Both printed;
 * the apply rate must be at least the leader's.
 */
class ApplyThroughputTest {
  @RegisterExtension static final SharedMariaDb db = new SharedMariaDb(3);

  private ScaleHarness h;

  @BeforeEach
  void start() throws Exception {
    h =
        ScaleHarness.leading(
            db.servers(),
            "CREATE DATABASE app",
            "CREATE TABLE app.bench (id BIGINT AUTO_INCREMENT PRIMARY KEY, k INT, v VARCHAR(64),"
                + " at DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6))");
    h.stop(2); // two nodes: the machine has two cores
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private long run(int clients, int perClient) throws Exception {
    AtomicLong last = new AtomicLong();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      all.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < perClient; i++) {
                  try {
                    last.accumulateAndGet(
                        h.write(
                                0,
                                new WriteRequest.Insert(
                                    Optional.empty(),
                                    "bench",
                                    Map.of("k", client * 100_000 + i, "v", "value-" + i)))
                            .lsn(),
                        Math::max);
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                }
              }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
    return last.get();
  }

  @Test
  void theApplierKeepsUpWithTheLeader() throws Exception {
    run(16, 20); // warm-up
    AtomicBoolean sampling = new AtomicBoolean(true);
    AtomicLong maxLag = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (sampling.get()) {
                try {
                  maxLag.accumulateAndGet(
                      h.log.commitIndex() - h.status(1).appliedLsn(), Math::max);
                  Thread.sleep(50);
                } catch (Exception e) {
                  return;
                }
              }
            });
    sampler.start();
    int writes = 16 * 250;
    long t0 = System.nanoTime();
    long last = run(16, 250);
    double leaderSecs = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    h.awaitApplied(last, Duration.ofSeconds(120));
    double drainSecs = (System.nanoTime() - t1) / 1e9;
    sampling.set(false);
    sampler.join();

    h.stop(1);
    long before = h.log.commitIndex();
    long backlogLast = run(16, 250);
    long backlog = backlogLast - before;
    long t2 = System.nanoTime();
    h.start(1);
    h.awaitApplied(backlogLast, Duration.ofSeconds(120));
    double applySecs = (System.nanoTime() - t2) / 1e9;

    double leaderRate = writes / leaderSecs;
    double applyRate = backlog / applySecs;
    System.out.printf(
        "leader: %d writes from 16 clients in %.2f s = %.0f writes/s; follower lag during the run"
            + " max %d records, drained %.3f s after the last write%n",
        writes, leaderSecs, leaderRate, maxLag.get(), drainSecs);
    System.out.printf(
        "applier: backlog of %d records (node restarted) applied in %.2f s = %.0f records/s (%.2fx the"
            + " leader's rate)%n",
        backlog, applySecs, applyRate, applyRate / leaderRate);
    String q = "SELECT COUNT(*), SUM(k) FROM app.bench";
    org.junit.jupiter.api.Assertions.assertEquals(h.servers.get(0).sql(q), h.servers.get(1).sql(q));
    org.junit.jupiter.api.Assertions.assertEquals(
        ScaleHarness.checksum(h.servers.get(0), "app.bench"),
        ScaleHarness.checksum(h.servers.get(1), "app.bench"));
    assertTrue(applyRate >= leaderRate, "the applier is slower than the leader");
  }
}
