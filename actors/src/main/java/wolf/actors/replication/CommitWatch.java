package wolf.actors.replication;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * This node's commit watermark: the highest LSN it knows to be committed and holds itself, with
 * waiters for it to pass a point. Thread-safe: the replicator advances it, {@link CommittedSource}s
 * wait on it from stream threads.
 *
 * <p>It only moves forward, except through {@link #reset} (a snapshot was installed) and {@link
 * #diverged} (records this node counted as committed were truncated away — only possible in {@code
 * async} mode): waiters then fail with what the supplier gives, and so does every later wait from a
 * source that had read past the cut.
 */
final class CommitWatch {

  private record Waiter(long lsn, CompletableFuture<Long> future) {}

  private final PriorityQueue<Waiter> waiters =
      new PriorityQueue<>((a, b) -> Long.compare(a.lsn, b.lsn));
  private long commit;
  private long generation;
  private final List<long[]> cuts = new ArrayList<>(); // {generation, lastKept}
  private Supplier<? extends RuntimeException> blocked;

  synchronized long get() {
    return commit;
  }

  /** The current generation: a source remembers it to learn of later cuts. */
  synchronized long generation() {
    return generation;
  }

  /** Raises the watermark to {@code lsn} (never lowers it) and wakes the waiters it passes. */
  void advance(long lsn) {
    List<Waiter> due = new ArrayList<>();
    synchronized (this) {
      if (lsn <= commit) {
        return;
      }
      commit = lsn;
      while (!waiters.isEmpty() && waiters.peek().lsn <= commit) {
        due.add(waiters.poll());
      }
    }
    due.forEach(w -> w.future.complete(lsn));
  }

  /**
   * Completes with the watermark once it is at least {@code lsn}; fails if the log was cut below
   * {@code lsn - 1} after {@code sinceGeneration}, or while the node is {@link #block blocked}.
   */
  synchronized CompletionStage<Long> awaitAtLeast(long lsn, long sinceGeneration) {
    for (long[] cut : cuts) {
      if (cut[0] > sinceGeneration && cut[1] < lsn - 1) {
        return CompletableFuture.failedFuture(
            new LogDivergedException(
                "records up to LSN "
                    + (lsn - 1)
                    + " were read as committed, but the log was cut back to LSN "
                    + cut[1]
                    + " by a new leader; this node must be rebuilt from a snapshot"));
      }
    }
    if (blocked != null) {
      return CompletableFuture.failedFuture(blocked.get());
    }
    if (commit >= lsn) {
      return CompletableFuture.completedFuture(commit);
    }
    CompletableFuture<Long> f = new CompletableFuture<>();
    waiters.add(new Waiter(lsn, f));
    return f;
  }

  /**
   * Committed records above {@code lastKept} were removed: sources that read past it fail from now
   * on; the watermark drops to {@code lastKept}.
   */
  void diverged(long lastKept) {
    List<Waiter> failed = new ArrayList<>();
    synchronized (this) {
      generation++;
      cuts.add(new long[] {generation, lastKept});
      commit = Math.min(commit, lastKept);
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (w.lsn - 1 > lastKept) {
          failed.add(w);
          it.remove();
        }
      }
    }
    failed.forEach(
        w ->
            w.future.completeExceptionally(
                new LogDivergedException(
                    "the log was cut back to LSN "
                        + lastKept
                        + " below records read as committed; rebuild this node from a snapshot")));
  }

  /** A snapshot up to {@code lastLsn} was installed: the watermark is {@code lastLsn}. */
  void reset(long lastLsn) {
    synchronized (this) {
      generation++;
      cuts.add(new long[] {generation, lastLsn});
      commit = lastLsn;
      blocked = null;
    }
    advance(lastLsn);
  }

  /**
   * Every wait fails with {@code error} until {@link #reset} (e.g. the leader no longer holds what
   * this node needs next: a snapshot is required).
   */
  void block(Supplier<? extends RuntimeException> error) {
    List<Waiter> failed = new ArrayList<>();
    synchronized (this) {
      blocked = error;
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        failed.add(it.next());
        it.remove();
      }
    }
    failed.forEach(w -> w.future.completeExceptionally(error.get()));
  }
}
