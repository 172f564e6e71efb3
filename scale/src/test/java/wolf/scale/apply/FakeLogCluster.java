package wolf.scale.apply;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import wolf.actors.replication.LogDivergedException;
import wolf.actors.replication.NotLeaderException;
import wolf.actors.replication.ReplicatedLog;
import wolf.actors.replication.ReplicationException;
import wolf.actors.replication.ReplicationStatus;
import wolf.actors.replication.Role;
import wolf.actors.wal.WalPrunedException;
import wolf.actors.wal.WalRecord;

/**
 * An in-memory replicated log shared by several in-JVM nodes: one ordered list of records, a commit
 * index, roles the test sets, and failure injection. Committing is automatic (each append commits
 * at once) unless {@link #holdCommits}; {@link #commitUpTo} then moves it by hand. Thread-safe
 * (coarse lock).
 */
final class FakeLogCluster {
  private final List<WalRecord> records = new ArrayList<>();
  private final Map<String, Node> nodes = new ConcurrentHashMap<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private long commitIndex;
  private long term;
  private long firstAvailable = 1;
  private boolean holdCommits;

  /** What the next append does instead of succeeding. */
  enum Failure {
    NONE,
    /** Refused, nothing written. */
    NOT_LEADER,
    /** Written and committed, but the caller hears "outcome unknown". */
    UNKNOWN_BUT_COMMITTED,
    /** Written, never committed, caller hears "outcome unknown"; later truncated by a new term. */
    UNKNOWN_LOST
  }

  private volatile Failure nextFailure = Failure.NONE;

  private record Waiter(long lsn, boolean append, CompletableFuture<Void> ready) {}

  synchronized Node node(String id) {
    return nodes.computeIfAbsent(id, Node::new);
  }

  /** Makes {@code leader} lead a new term (committing a barrier record) and the others follow. */
  void lead(String leader) {
    long cb;
    long t;
    synchronized (this) {
      t = ++term;
      dropUncommitted();
      records.add(new WalRecord(records.size() + 1, t, System.currentTimeMillis(), new byte[0]));
      cb = records.size();
      commitIndex = cb;
      wake();
    }
    for (Node n : nodes.values()) {
      n.setRole(
          n.id.equals(leader)
              ? new Role.Leading(t, cb)
              : new Role.Following(Optional.of(leader), t));
    }
  }

  /** Everyone follows nobody (no leader known). */
  void noLeader() {
    long t;
    synchronized (this) {
      t = term;
    }
    nodes.values().forEach(n -> n.setRole(new Role.Following(Optional.empty(), t)));
  }

  void failNextAppend(Failure f) {
    nextFailure = f;
  }

  synchronized void holdCommits(boolean hold) {
    holdCommits = hold;
    if (!hold) {
      commitUpTo(records.size());
    }
  }

  synchronized void commitUpTo(long lsn) {
    commitIndex = Math.max(commitIndex, Math.min(lsn, records.size()));
    wake();
  }

  synchronized long commitIndex() {
    return commitIndex;
  }

  synchronized long lastLsn() {
    return records.size();
  }

  synchronized List<WalRecord> records() {
    return List.copyOf(records);
  }

  /** Retention: reads below {@code lsn} fail with WalPrunedException. */
  synchronized void pruneBefore(long lsn) {
    firstAvailable = lsn;
  }

  /** A new term: records never committed are truncated; their appenders learn "outcome unknown". */
  private void dropUncommitted() {
    while (records.size() > commitIndex) {
      records.remove(records.size() - 1);
    }
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.append && w.lsn > commitIndex) {
        it.remove();
        w.ready.completeExceptionally(
            new ReplicationException("term changed before LSN " + w.lsn + " committed"));
      }
    }
  }

  private void wake() {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.lsn <= commitIndex) {
        it.remove();
        w.ready.complete(null);
      }
    }
  }

  private synchronized CompletableFuture<Void> whenCommitted(long lsn, boolean append) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (lsn <= commitIndex) {
      f.complete(null);
    } else {
      waiters.add(new Waiter(lsn, append, f));
    }
    return f;
  }

  /** One node's view. */
  final class Node implements ReplicatedLog {
    final String id;
    private final List<Consumer<Role>> listeners = new CopyOnWriteArrayList<>();
    private volatile Role role = new Role.Following(Optional.empty(), 0);
    volatile long applied = -1;
    volatile Optional<String> applyError = Optional.empty();
    volatile long resetTo = -1;

    Node(String id) {
      this.id = id;
    }

    void setRole(Role r) {
      role = r;
      listeners.forEach(l -> l.accept(r));
    }

    Role role() {
      return role;
    }

    @Override
    public CompletionStage<Long> append(List<byte[]> payloads) {
      Failure f = nextFailure;
      long first;
      long last;
      synchronized (FakeLogCluster.this) {
        if (!(role instanceof Role.Leading l)) {
          return CompletableFuture.failedFuture(
              new NotLeaderException(id + " does not lead", Optional.empty()));
        }
        if (f == Failure.NOT_LEADER) {
          nextFailure = Failure.NONE;
          return CompletableFuture.failedFuture(
              new NotLeaderException("injected", Optional.empty()));
        }
        first = records.size() + 1;
        for (byte[] p : payloads) {
          records.add(new WalRecord(records.size() + 1, l.term(), System.currentTimeMillis(), p));
        }
        last = records.size();
        if (f == Failure.UNKNOWN_BUT_COMMITTED || (f == Failure.NONE && !holdCommits)) {
          commitIndex = last;
          wake();
        }
        if (f != Failure.NONE) {
          nextFailure = Failure.NONE;
          return CompletableFuture.failedFuture(
              new ReplicationException("injected: outcome unknown"));
        }
      }
      return whenCommitted(last, true).thenApply(v -> first);
    }

    @Override
    public Source<WalRecord, NotUsed> committed(long fromLsn) {
      synchronized (FakeLogCluster.this) {
        if (fromLsn < firstAvailable) {
          return Source.failed(new WalPrunedException(fromLsn, firstAvailable));
        }
      }
      return Source.unfoldAsync(
          fromLsn,
          lsn ->
              whenCommitted(lsn, false)
                  .thenApply(
                      v -> {
                        synchronized (FakeLogCluster.this) {
                          if (lsn > records.size()) {
                            throw new LogDivergedException("record " + lsn + " was truncated");
                          }
                          return Optional.of(
                              org.apache.pekko.japi.Pair.create(
                                  lsn + 1, records.get((int) (lsn - 1))));
                        }
                      }));
    }

    @Override
    public CompletionStage<Done> resetTo(long lastLsn, long lastTerm) {
      resetTo = lastLsn;
      return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public void applied(long lsn) {
      applied = lsn;
    }

    @Override
    public void applyFailed(long lsn, String error) {
      applyError = Optional.of(lsn + ": " + error);
    }

    @Override
    public AutoCloseable onRoleChanged(Consumer<Role> listener) {
      listeners.add(listener);
      listener.accept(role);
      return () -> listeners.remove(listener);
    }

    @Override
    public CompletionStage<ReplicationStatus> status() {
      return CompletableFuture.completedFuture(
          new ReplicationStatus(
              id,
              "follower",
              Optional.empty(),
              0,
              lastLsn(),
              commitIndex(),
              applied,
              applyError,
              List.of()));
    }
  }
}
