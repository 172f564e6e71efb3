package wolf.actors.replication;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.UniqueKillSwitch;

/**
 * What a leader (or a leader still establishing its term) keeps: the streams it serves and what
 * each follower acknowledged, and the appends waiting to be committed. Not thread-safe: owned by
 * the {@link Replicator}.
 */
final class LeaderState {

  /** One follower as the leader sees it. */
  static final class Follower {
    final String nodeId;
    long durable;
    long applied;
    Optional<String> applyError = Optional.empty();
    long lastAckNanos;
    UniqueKillSwitch kill;
    BoundedSourceQueue<Long> ticks;
    long streamId;

    Follower(String nodeId) {
      this.nodeId = nodeId;
    }

    void stopStream() {
      if (kill != null) {
        kill.shutdown();
        kill = null;
        ticks = null;
      }
    }
  }

  /** Appends that are in the local WAL and wait for their commit. */
  record Waiting(long first, long last, CompletableFuture<Long> result, long deadlineNanos) {}

  final long term;

  /** The barrier record of this term; -1 until it is appended. */
  long barrierLsn = -1;

  /** Whether the barrier is committed: the node leads and accepts appends. */
  boolean established;

  /** Appends sent to the local WAL whose LSNs are not known yet. */
  final java.util.Set<CompletableFuture<Long>> appending = new java.util.HashSet<>();

  final Map<String, Follower> followers = new HashMap<>();
  final TreeMap<Long, Waiting> waiting = new TreeMap<>();

  /** Set while handing over: the new leader's id and the hand-over's completion. */
  String drainingTo;

  CompletableFuture<Done> drained;
  long drainDeadlineNanos;

  LeaderState(long term) {
    this.term = term;
  }

  Follower follower(String nodeId) {
    return followers.computeIfAbsent(nodeId, Follower::new);
  }

  /** Durable LSN per node, this leader's own included, for {@link Quorum}. */
  Map<String, Long> durable(String self, long ownDurable) {
    Map<String, Long> d = new HashMap<>();
    followers.values().forEach(f -> d.put(f.nodeId, f.durable));
    d.put(self, ownDurable);
    return d;
  }

  /** Removes and returns the appends committed by {@code commit}. */
  List<Waiting> committed(long commit) {
    List<Waiting> done = new ArrayList<>();
    while (!waiting.isEmpty() && waiting.firstKey() <= commit) {
      done.add(waiting.pollFirstEntry().getValue());
    }
    return done;
  }

  /** Removes and returns the appends whose deadline has passed. */
  List<Waiting> overdue(long nowNanos) {
    List<Waiting> late = new ArrayList<>();
    waiting.values().removeIf(w -> w.deadlineNanos() - nowNanos < 0 && late.add(w));
    return late;
  }

  /** Stops every stream this leader serves. */
  void stopStreams() {
    followers.values().forEach(Follower::stopStream);
  }

  /** Whether nothing this leader accepted is still on its way to a commit. */
  boolean quiet() {
    return appending.isEmpty() && waiting.isEmpty();
  }
}
