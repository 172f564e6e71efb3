package wolf.actors.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import wolf.config.CommitMode;

/** Three replicated-log nodes in one JVM on loopback, with real WALs on disk. */
@ExtendWith(LogCapturingExtension.class)
class ReplicationClusterTest {
  private static final Duration FORM = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void appendsOnTheLeaderCommitEverywhereInOrder() throws Exception {
    try (ReplicaCluster c = new ReplicaCluster("repl-basic", dir, CommitMode.QUORUM, 3).start()) {
      ReplicaNode leader = c.awaitLeader(FORM);
      assertEquals("node-1", leader.id);
      runAppenders(c, 8, 50, new AtomicBoolean());
      assertEquals(400, c.acked.size());
      c.assertConverged(Duration.ofSeconds(20));
      ReplicationStatus s = leader.log.status().toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertEquals("leader", s.role());
      assertEquals(3, s.replicas().size());
    }
  }

  @Test
  void aFollowerRefusesAppendsAndNamesTheLeader() throws Exception {
    try (ReplicaCluster c = new ReplicaCluster("repl-refuse", dir, CommitMode.QUORUM, 3).start()) {
      c.awaitLeader(FORM);
      ReplicaNode follower = c.replicas[2];
      ExecutionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class,
              () ->
                  follower
                      .log
                      .append(List.of(new byte[] {1}))
                      .toCompletableFuture()
                      .get(5, TimeUnit.SECONDS));
      NotLeaderException nle = assertInstanceOf(NotLeaderException.class, e.getCause());
      assertEquals("node-1", nle.leaderHint().orElse(""));
    }
  }

  /**
   * kill -9 of the leader while 4 clients append (quorum mode): a new leader takes appends within 3
   * s of the crash, and every acknowledged append is on both survivors; then the old leader
   * returns, catches up and takes over again by hand-over, still with nothing lost.
   */
  @Test
  void leaderCrashLosesNoAcknowledgedAppendAndTheReturningNodeTakesOver() throws Exception {
    try (ReplicaCluster c = new ReplicaCluster("repl-crash", dir, CommitMode.QUORUM, 3).start()) {
      c.awaitLeader(FORM);
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService clients = Executors.newFixedThreadPool(4);
      List<Future<?>> running = new ArrayList<>();
      AtomicInteger seq = new AtomicInteger();
      for (int t = 0; t < 4; t++) {
        running.add(
            clients.submit(
                () -> {
                  while (!stop.get()) {
                    c.append(payload("w", seq.incrementAndGet()), Duration.ofSeconds(10));
                  }
                }));
      }
      ReplicaCluster.sleep(1000);
      int before = c.acked.size();
      long crashing = System.nanoTime();
      c.crash(0);
      // In one JVM, terminating an ActorSystem takes a moment; count from when it is gone.
      long crashed = System.nanoTime();
      ReplicaNode next = c.awaitLeader(Duration.ofSeconds(10));
      long tookMs = (System.nanoTime() - crashed) / 1_000_000;
      System.out.printf(
          "crash: terminating the node took %d ms%n", (crashed - crashing) / 1_000_000);
      int atTakeover = c.acked.size();
      ReplicaCluster.sleep(1000);
      System.out.printf(
          "crash: %d acked before, %s leads after %d ms, %d acked since%n",
          before, next.id, tookMs, c.acked.size() - atTakeover);
      assertEquals("node-2", next.id);
      assertTrue(tookMs < 3000, "new leader after " + tookMs + " ms");
      assertTrue(c.acked.size() > atTakeover, "appends continue on the new leader");

      c.start(0); // the lowest id returns, catches up and takes over by hand-over
      ReplicaNode back = awaitLeaderIs(c, "node-1", Duration.ofSeconds(30));
      ReplicaCluster.sleep(500);
      stop.set(true);
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
      clients.shutdown();
      assertEquals("node-1", back.id);
      c.assertConverged(Duration.ofSeconds(20));
    }
  }

  /**
   * A node that was down while the leader's retention deleted the records it needs is told so
   * ({@code committed()} fails with {@code WalPrunedException}); once a snapshot is installed
   * ({@code resetTo}) it follows the log from there.
   */
  @Test
  void aNodeBehindTheLeadersRetentionNeedsASnapshotThenFollowsFromIt() throws Exception {
    try (ReplicaCluster c = new ReplicaCluster("repl-prune", dir, CommitMode.QUORUM, 3)) {
      c.walSettings = new wolf.config.WalSettings(1000, 0, false, 1, 1, true);
      c.reportApplied = true;
      c.start();
      c.crash(2);
      byte[] big = new byte[8000];
      for (int i = 0; i < 400; i++) {
        big[0] = (byte) i;
        assertTrue(c.append(big.clone(), Duration.ofSeconds(10)).isPresent(), "append " + i);
      }
      ReplicaNode leader = c.awaitLeader(FORM);
      c.clock.offsetMillis.set(Duration.ofHours(3).toMillis());
      // Retention deletes once the cluster has removed node-3 (until then it waits for it).
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (leader.wal.firstLsn() == 1 && System.nanoTime() < deadline) {
        leader.wal.runRetention().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ReplicaCluster.sleep(200);
      }
      long first = leader.wal.firstLsn();
      assertTrue(first > 1, "retention deleted nothing");

      c.start(2);
      ReplicaNode back = c.replicas[2];
      org.apache.pekko.stream.Materializer mat =
          org.apache.pekko.stream.Materializer.matFromSystem(back.node.system());
      ExecutionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class,
              () ->
                  back.log
                      .committed(1)
                      .runWith(org.apache.pekko.stream.javadsl.Sink.ignore(), mat)
                      .toCompletableFuture()
                      .get(60, TimeUnit.SECONDS));
      assertInstanceOf(wolf.actors.wal.WalPrunedException.class, e.getCause());

      // "Install a snapshot" taken at the leader's commit LSN: the node continues after it.
      long snap = leader.log.status().toCompletableFuture().get(5, TimeUnit.SECONDS).commitLsn();
      long term = leader.wal.termAt(snap).orElseThrow();
      back.log.resetTo(snap, term).toCompletableFuture().get(30, TimeUnit.SECONDS);
      List<Long> after = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        after.add(c.append(payload("after", i), Duration.ofSeconds(10)).orElseThrow());
      }
      long last = after.get(after.size() - 1);
      var recs =
          back.log
              .committed(snap + 1)
              .takeWhile(r -> r.lsn() < last, true)
              .completionTimeout(Duration.ofSeconds(30))
              .runWith(org.apache.pekko.stream.javadsl.Sink.seq(), mat)
              .toCompletableFuture()
              .get(40, TimeUnit.SECONDS);
      assertEquals(snap + 1, recs.get(0).lsn());
      for (long lsn : after) {
        assertTrue(
            java.util.Arrays.equals(c.acked.get(lsn), recs.get((int) (lsn - snap - 1)).payload()),
            "LSN " + lsn);
      }
      assertTrue(first > 1 && snap >= first - 1, "snapshot " + snap + ", first " + first);
    }
  }

  static ReplicaNode awaitLeaderIs(ReplicaCluster c, String id, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      for (ReplicaNode r : c.replicas) {
        if (r != null && r.leading() && r.id.equals(id)) {
          return r;
        }
      }
      ReplicaCluster.sleep(20);
    }
    throw new AssertionError(id + " did not lead within " + max + ": " + c.roles());
  }

  static void runAppenders(ReplicaCluster c, int threads, int each, AtomicBoolean stop)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      fs.add(
          pool.submit(
              () -> {
                for (int i = 0; i < each && !stop.get(); i++) {
                  if (c.append(payload("t" + thread, i), Duration.ofSeconds(10)).isEmpty()) {
                    throw new AssertionError("append " + thread + "/" + i + " failed");
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : fs) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
  }

  static byte[] payload(String who, int i) {
    return (who + ":" + i + ":" + "x".repeat(i % 50)).getBytes(StandardCharsets.UTF_8);
  }
}
