package wolf.actors.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import wolf.actors.TestNodes;
import wolf.actors.wal.WalRecord;
import wolf.config.CommitMode;
import wolf.config.WalSettings;

/**
 * N {@link ReplicaNode}s in one JVM, with what tests need: find the leader, append with retries as
 * a client would, remember what was acknowledged, and check every node against it.
 */
final class ReplicaCluster implements AutoCloseable {
  final TestNodes nodes = new TestNodes();
  final String name;
  final Path base;
  final CommitMode mode;
  final ReplicaNode[] replicas;
  final int[] ports;

  /** The WAL settings and clock every node opens its WAL with. */
  WalSettings walSettings = ReplicaNode.WAL;

  final ShiftedClock clock = new ShiftedClock();

  /** LSN -> payload of every acknowledged append. */
  final ConcurrentSkipListMap<Long, byte[]> acked = new ConcurrentSkipListMap<>();

  ReplicaCluster(String name, Path base, CommitMode mode, int n) {
    this.name = name;
    this.base = base;
    this.mode = mode;
    this.replicas = new ReplicaNode[n];
    this.ports = new int[n];
  }

  static String id(int i) {
    return "node-" + (i + 1);
  }

  /**
   * Starts every node (the first bootstraps, the others join it) and waits until all are caught up.
   */
  ReplicaCluster start() throws Exception {
    for (int i = 0; i < replicas.length; i++) {
      start(i);
    }
    awaitCaughtUp(Duration.ofSeconds(30));
    return this;
  }

  /** Waits until a leader leads and every live node reports itself caught up. */
  void awaitCaughtUp(Duration max) {
    awaitLeader(max);
    TestNodes.await(
        max,
        () -> {
          for (ReplicaNode r : replicas) {
            if (r != null) {
              assertTrue(TestNodes.status(r.node).caughtUp(), r.id + " caught up: " + roles());
            }
          }
        });
  }

  void start(int i) throws Exception {
    List<String> seeds = new ArrayList<>();
    for (int j = 0; j < replicas.length; j++) {
      if (j != i && replicas[j] != null) {
        seeds.add("127.0.0.1:" + ports[j]);
      }
    }
    boolean bootstrap = seeds.isEmpty();
    replicas[i] =
        ReplicaNode.start(
            nodes,
            name,
            id(i),
            base.resolve(id(i)),
            ports[i],
            seeds,
            bootstrap,
            mode,
            replicas.length,
            walSettings,
            clock);
    ports[i] = replicas[i].port();
    if (reportApplied) {
      ReplicaNode r = replicas[i];
      // As a state machine would: apply what is committed, report it.
      r.log
          .committed(1)
          .runForeach(rec -> r.log.applied(rec.lsn()), Materializer.matFromSystem(r.node.system()));
    }
  }

  /** Whether every node reports the records it reads as committed as applied (for retention). */
  boolean reportApplied;

  void crash(int i) throws Exception {
    replicas[i].crash();
    replicas[i] = null;
  }

  /** The one live node whose role is Leading, waiting up to {@code max}. */
  ReplicaNode awaitLeader(Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      for (ReplicaNode r : replicas) {
        if (r != null && r.leading()) {
          return r;
        }
      }
      sleep(20);
    }
    throw new AssertionError("no leader within " + max + ": " + roles());
  }

  String roles() {
    StringBuilder b = new StringBuilder();
    for (ReplicaNode r : replicas) {
      if (r != null) {
        b.append(r.id).append('=').append(r.role.get()).append(' ');
      }
    }
    return b.toString();
  }

  /**
   * Appends {@code payload} the way a client would: on whichever node leads, retrying on "not
   * leader" for up to {@code max}. Returns the LSN, or empty if the outcome is unknown or no leader
   * took it in time.
   */
  Optional<Long> append(byte[] payload, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      ReplicaNode leader = null;
      for (ReplicaNode r : replicas) {
        if (r != null && r.leading()) {
          leader = r;
        }
      }
      if (leader == null) {
        sleep(10);
        continue;
      }
      try {
        long lsn =
            leader.log.append(List.of(payload)).toCompletableFuture().get(4, TimeUnit.SECONDS);
        acked.put(lsn, payload);
        return Optional.of(lsn);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof NotLeaderException) {
          sleep(10);
          continue;
        }
        return Optional.empty(); // outcome unknown
      } catch (Exception e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Every committed record of {@code r} from LSN 1 up to {@code last}, read through committed().
   */
  static List<WalRecord> committed(ReplicaNode r, long last, Duration max) throws Exception {
    return r.log
        .committed(1)
        .takeWhile(rec -> rec.lsn() < last, true)
        .completionTimeout(max)
        .runWith(Sink.seq(), Materializer.matFromSystem(r.node.system()))
        .toCompletableFuture()
        .get(max.toMillis() + 5000, TimeUnit.MILLISECONDS);
  }

  /**
   * Every live node's committed records agree with each other, contain every acknowledged payload
   * at its LSN, and are contiguous from 1.
   */
  void assertConverged(Duration max) throws Exception {
    long last = 0;
    for (ReplicaNode r : replicas) {
      if (r != null) {
        last = Math.max(last, acked.isEmpty() ? 0 : acked.lastKey());
      }
    }
    List<WalRecord> reference = null;
    for (ReplicaNode r : replicas) {
      if (r == null) {
        continue;
      }
      List<WalRecord> recs;
      try {
        recs = committed(r, last, max);
      } catch (ExecutionException | CompletionException e) {
        throw new AssertionError(r.id + " did not commit up to LSN " + last + ": " + roles(), e);
      }
      for (int i = 0; i < recs.size(); i++) {
        assertEquals(i + 1, recs.get(i).lsn(), r.id + ": LSNs contiguous");
      }
      for (Map.Entry<Long, byte[]> a : acked.entrySet()) {
        WalRecord rec = recs.get((int) (a.getKey() - 1));
        assertTrue(
            Arrays.equals(a.getValue(), rec.payload()),
            r.id + ": acknowledged LSN " + a.getKey() + " holds other bytes");
      }
      if (reference == null) {
        reference = recs;
      } else {
        assertEquals(reference, recs.subList(0, Math.min(recs.size(), reference.size())));
      }
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    nodes.close();
  }
}
