package wolf.actors.replication;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import wolf.config.CommitMode;

/**
 * Seeded faults under load: a seed drives which node crashes (leader or follower), when, and how
 * long it stays down, while clients keep appending; one node at most is down at a time, so a
 * majority always stands. Afterwards every node holds every acknowledged record at its LSN.
 *
 * <p>Seeds: {@code -Drepl.seeds=1,2,3} (default two fixed seeds). A failure names its seed.
 */
@ExtendWith(LogCapturingExtension.class)
class ReplicationFaultTest {
  @TempDir Path dir;

  static List<Long> seeds() {
    String s = System.getProperty("repl.seeds", "11,12");
    List<Long> out = new ArrayList<>();
    for (String p : s.split(",")) {
      out.add(Long.parseLong(p.trim()));
    }
    return out;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void crashesUnderLoadLoseNoAcknowledgedAppend(long seed) throws Exception {
    Random random = new Random(seed);
    System.out.println("replication fault test, seed " + seed + " (-Drepl.seeds=" + seed + ")");
    try (ReplicaCluster c =
        new ReplicaCluster("repl-fault-" + seed, dir, CommitMode.QUORUM, 3).start()) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger seq = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(3);
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int thread = t;
        running.add(
            clients.submit(
                () -> {
                  while (!stop.get()) {
                    c.append(
                        ReplicationClusterTest.payload(
                            "s" + seed + "t" + thread, seq.incrementAndGet()),
                        Duration.ofSeconds(8));
                  }
                }));
      }
      for (int event = 0; event < 4; event++) {
        ReplicaCluster.sleep(300 + random.nextInt(1200));
        boolean hitLeader = random.nextBoolean();
        int victim = -1;
        for (int i = 0; i < c.replicas.length; i++) {
          if (c.replicas[i] != null && c.replicas[i].leading() == hitLeader) {
            victim = i;
          }
        }
        if (victim < 0) {
          victim = random.nextInt(c.replicas.length);
        }
        int acked = c.acked.size();
        System.out.printf(
            "seed %d event %d: crash %s (%s), %d acked so far%n",
            seed, event, ReplicaCluster.id(victim), hitLeader ? "leader" : "follower", acked);
        c.crash(victim);
        ReplicaCluster.sleep(500 + random.nextInt(2500));
        c.start(victim);
        c.awaitCaughtUp(Duration.ofSeconds(40));
      }
      ReplicaCluster.sleep(500);
      stop.set(true);
      for (Future<?> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }
      clients.shutdown();
      assertTrue(c.acked.size() > 50, "seed " + seed + ": only " + c.acked.size() + " acked");
      try {
        c.assertConverged(Duration.ofSeconds(30));
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
      System.out.printf(
          "seed %d: %d appends acknowledged, all present everywhere%n", seed, c.acked.size());
    }
  }
}
