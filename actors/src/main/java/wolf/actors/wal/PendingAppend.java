package wolf.actors.wal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * One append call waiting in the writer's queue for its group commit: its records, which always go
 * out together in one group commit with contiguous LSNs, and whom to answer. Built by {@link Wal}
 * (answered through a future) or by the writer from an actor's message. Immutable; the reply is
 * completed exactly once, by whichever thread finishes or fails the append.
 *
 * @param entries the records, in order; {@link WalRecord}s for a replicated append
 * @param bytes the sum of their payload sizes
 * @param replicated the entries are {@link WalRecord}s whose LSNs must continue the log
 */
record PendingAppend(
    List<? extends SegmentedLog.Entry> entries, long bytes, boolean replicated, Reply reply)
    implements WalWriter.Command {

  /** How the caller is answered. */
  interface Reply {
    /** The records got {@code firstLsn..lastLsn} and are durable (or written, without fsync). */
    void succeeded(long firstLsn, long lastLsn);

    void failed(Throwable t);
  }

  /** Completes a future with the first LSN, or the last one when {@code last}. */
  record FutureReply(CompletableFuture<Long> result, boolean last) implements Reply {
    @Override
    public void succeeded(long firstLsn, long lastLsn) {
      result.complete(last ? lastLsn : firstLsn);
    }

    @Override
    public void failed(Throwable t) {
      result.completeExceptionally(t);
    }
  }

  /**
   * Tells an actor {@link WalWriter.Appended} with the first LSN, or the last one when {@code
   * last}.
   */
  record ActorReply(ActorRef<StatusReply<WalWriter.Appended>> replyTo, boolean last)
      implements Reply {
    @Override
    public void succeeded(long firstLsn, long lastLsn) {
      replyTo.tell(StatusReply.success(new WalWriter.Appended(last ? lastLsn : firstLsn)));
    }

    @Override
    public void failed(Throwable t) {
      replyTo.tell(StatusReply.error(t));
    }
  }

  /** One record with {@code payload} in {@code term}. */
  static PendingAppend one(long term, byte[] payload, Reply reply) {
    return new PendingAppend(
        List.of(SegmentedLog.Entry.of(term, payload)), payload.length, false, reply);
  }

  /** Consecutive records with {@code payloads}, all in {@code term}. */
  static PendingAppend all(long term, List<byte[]> payloads, Reply reply) {
    long bytes = 0;
    SegmentedLog.Entry[] entries = new SegmentedLog.Entry[payloads.size()];
    for (int i = 0; i < entries.length; i++) {
      byte[] p = payloads.get(i);
      entries[i] = SegmentedLog.Entry.of(term, p);
      bytes += p.length;
    }
    return new PendingAppend(List.of(entries), bytes, false, reply);
  }

  /** The leader's records, kept as they are. */
  static PendingAppend replicated(List<WalRecord> records, Reply reply) {
    long bytes = 0;
    for (WalRecord r : records) {
      bytes += r.payload().length;
    }
    return new PendingAppend(List.copyOf(records), bytes, true, reply);
  }

  int size() {
    return entries.size();
  }

  /** The LSN the first record must get: that of the first {@link WalRecord}. */
  long requiredFirstLsn() {
    return ((WalRecord) entries.get(0)).lsn();
  }

  /**
   * Why this append cannot be taken at all, whatever the log holds: no record, a payload over
   * {@link RecordCodec#MAX_PAYLOAD}, or replicated records whose LSNs skip. {@code null} if none.
   */
  RuntimeException invalid() {
    if (entries.isEmpty()) {
      return new IllegalArgumentException("nothing to append: no records");
    }
    for (int i = 0; i < entries.size(); i++) {
      SegmentedLog.Entry e = entries.get(i);
      int n = e.payload().length;
      if (n > RecordCodec.MAX_PAYLOAD) {
        return new IllegalArgumentException(
            "payload of " + n + " bytes exceeds the limit of " + RecordCodec.MAX_PAYLOAD);
      }
      if (replicated && ((WalRecord) e).lsn() != requiredFirstLsn() + i) {
        return new WalGapException(requiredFirstLsn() + i, ((WalRecord) e).lsn());
      }
    }
    return null;
  }
}
