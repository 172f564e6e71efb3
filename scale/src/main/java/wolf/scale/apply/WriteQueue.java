package wolf.scale.apply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import wolf.scale.write.WriteResult;

/**
 * The leader's queue of writes waiting for the executor, bounded by count and bytes, and how a
 * batch is cut from it: a DDL write alone; otherwise consecutive non-DDL writes up to {@link
 * ScaleLimits#maxBatchWrites()} and {@link ScaleLimits#maxBatchBytes()} (the first always goes).
 * Not thread-safe: the {@link ScaleNode} actor owns it.
 */
final class WriteQueue {
  private final ScaleLimits limits;
  private final ArrayDeque<ScaleNode.Write> queue = new ArrayDeque<>();
  private long bytes;

  WriteQueue(ScaleLimits limits) {
    this.limits = limits;
  }

  /** Queues {@code w}; false (nothing queued) when the queue is full. */
  boolean offer(ScaleNode.Write w) {
    if (queue.size() >= limits.maxQueuedWrites() || bytes >= limits.maxQueuedBytes()) {
      return false;
    }
    queue.add(w);
    bytes += w.write().size();
    return true;
  }

  int size() {
    return queue.size();
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /** The next batch (empty if nothing waits). */
  List<ScaleNode.Write> takeBatch() {
    List<ScaleNode.Write> batch = new ArrayList<>();
    if (queue.isEmpty()) {
      return batch;
    }
    if (queue.peek().write().ddl()) {
      batch.add(take());
      return batch;
    }
    long size = 0;
    while (!queue.isEmpty()
        && !queue.peek().write().ddl()
        && batch.size() < limits.maxBatchWrites()
        && (batch.isEmpty() || size + queue.peek().write().size() <= limits.maxBatchBytes())) {
      size += queue.peek().write().size();
      batch.add(take());
    }
    return batch;
  }

  /** Fails everything queued with {@code error}. */
  void failAll(Supplier<RuntimeException> error) {
    while (!queue.isEmpty()) {
      take().result().completeExceptionally(error.get());
    }
  }

  private ScaleNode.Write take() {
    ScaleNode.Write w = queue.poll();
    bytes -= w.write().size();
    return w;
  }

  /** Answers a batch whose entries were logged from {@code firstLsn}: each its own result. */
  static void answer(List<ScaleNode.Write> writes, LeaderExecutor.Batch b, long firstLsn) {
    long lsn = firstLsn;
    for (int i = 0; i < writes.size(); i++) {
      LeaderExecutor.Result r = b.results().get(i);
      if (r.ok()) {
        writes.get(i).result().complete(new WriteResult(lsn++, r.affectedRows(), r.insertId()));
      } else {
        writes.get(i).result().completeExceptionally(r.failure());
      }
    }
  }

  /**
   * Fails a batch that was not logged: executed writes with {@code error}, the others their own.
   */
  static void fail(List<ScaleNode.Write> writes, LeaderExecutor.Batch b, RuntimeException error) {
    for (int i = 0; i < writes.size(); i++) {
      LeaderExecutor.Result r = b == null ? null : b.results().get(i);
      writes.get(i).result().completeExceptionally(r == null || r.ok() ? error : r.failure());
    }
  }
}
