package wolf.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import wolf.cli.local.LocalCluster;

/**
 * Kills the leader of a 3-node loopback cluster (separate JVMs, TLS transport) with {@code kill
 * -9}, {@code rounds} times, and measures the time from the kill until every survivor's {@code
 * /status} names the same new leader. After each round the killed node is restarted and the
 * benchmark waits until the cluster is whole again.
 */
final class FailoverBench {
  private FailoverBench() {}

  static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path base = Files.createTempDirectory("wolf-bench-failover");
    List<Long> times = new ArrayList<>();
    try (LocalCluster c = LocalCluster.create(base, "bench", 3, List.of("-Xmx256m"))) {
      c.start(0, true);
      c.start(1, false);
      c.start(2, false);
      String leader = c.awaitFormed(Duration.ofSeconds(90));
      System.out.printf("cluster formed, leader %s; %d rounds%n", leader, rounds);
      System.out.printf("%-6s %-8s %-10s %s%n", "round", "killed", "new leader", "ms");
      for (int r = 1; r <= rounds; r++) {
        int victim = indexOf(c, leader);
        long t0 = System.nanoTime();
        c.kill(victim);
        Optional<String> next = awaitNewLeader(c, victim, leader, Duration.ofSeconds(30));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (next.isEmpty()) {
          System.out.printf("%-6d %-8s %-10s >30000 (no agreement)%n", r, leader, "-");
          times.add(30_000L);
        } else {
          System.out.printf("%-6d %-8s %-10s %d%n", r, leader, next.get(), ms);
          times.add(ms);
        }
        c.start(victim, false);
        leader = c.awaitFormed(Duration.ofSeconds(90));
      }
    }
    Collections.sort(times);
    long min = times.get(0);
    long median = times.get(times.size() / 2);
    long max = times.get(times.size() - 1);
    System.out.printf(
        "time to a new leader on all survivors: min %d ms, median %d ms, max %d ms%n",
        min, median, max);
    System.out.printf(
        "RESULT failover median_ms=%d max_ms=%d min_ms=%d rounds=%d%n", median, max, min, rounds);
  }

  private static int indexOf(LocalCluster c, String id) {
    for (int i = 0; i < c.nodes().size(); i++) {
      if (c.node(i).id().equals(id)) {
        return i;
      }
    }
    throw new IllegalStateException("no node " + id);
  }

  /** Polls survivors every 5 ms until all name one leader other than {@code old}. */
  static Optional<String> awaitNewLeader(LocalCluster c, int victim, String old, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String agreed = null;
      boolean ok = true;
      for (int i = 0; i < c.nodes().size() && ok; i++) {
        if (i == victim) {
          continue;
        }
        Optional<String> l = c.leaderSeenBy(i);
        if (l.isEmpty() || l.get().equals(old) || (agreed != null && !agreed.equals(l.get()))) {
          ok = false;
        } else {
          agreed = l.get();
        }
      }
      if (ok && agreed != null) {
        return Optional.of(agreed);
      }
      Thread.sleep(5);
    }
    return Optional.empty();
  }
}
