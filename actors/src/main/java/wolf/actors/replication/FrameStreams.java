package wolf.actors.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.pekko.Done;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamRefs;
import wolf.actors.replication.Protocol.Frame;
import wolf.actors.wal.Wal;
import wolf.actors.wal.WalRecord;

/**
 * The two ends of a log stream between nodes, as Pekko Streams over a {@link SourceRef}: the
 * serving node reads its WAL as records are written (before its own fsync, so the follower's fsync
 * runs in parallel with the leader's) and packs them into {@link Frame}s of about {@code
 * frameBytes}; the receiving node appends each frame durably. Frames are batched only while the
 * receiver is slower than the sender, so an idle link adds no delay; the stream-ref buffer bounds
 * the frames in flight (backpressure end to end). Stateless.
 */
final class FrameStreams {
  private FrameStreams() {}

  /** A served stream: the ref to send, and how to stop it or push a commit-only frame. */
  record Served(SourceRef<Frame> ref, UniqueKillSwitch kill, BoundedSourceQueue<Long> ticks) {}

  /** What one frame added to the receiver's durable log. */
  record Landed(long frameTerm, List<Epochs.Start> starts, long lastLsn, long commitLsn) {
    boolean hasRecords() {
      return lastLsn > 0;
    }
  }

  /** A consumed stream: how to stop it, and its end. */
  record Consumed(UniqueKillSwitch kill, CompletionStage<Done> done) {}

  /**
   * Serves records {@code from..until} (until {@link Long#MAX_VALUE}: without end). Each frame
   * carries {@code commit.getAsLong()} as read when the frame is formed; offering anything to
   * {@link Served#ticks} sends a frame without records, to spread a new commit LSN at once.
   */
  static Served serve(
      Wal wal,
      long from,
      long until,
      long term,
      LongSupplier commit,
      int frameBytes,
      Materializer mat) {
    Source<WalRecord, ?> records = wal.tailWritten(from);
    if (until != Long.MAX_VALUE) {
      records = until < from ? Source.empty() : records.take(until - from + 1);
    }
    Source<Frame, ?> frames =
        records
            .batchWeighted(
                frameBytes,
                r -> (long) r.payload().length + 48,
                r -> {
                  List<WalRecord> l = new ArrayList<>();
                  l.add(r);
                  return l;
                },
                (l, r) -> {
                  l.add(r);
                  return l;
                })
            .map(l -> new Frame(term, l, commit.getAsLong()));
    Source<Frame, BoundedSourceQueue<Long>> ticks =
        Source.<Long>queue(1).map(t -> new Frame(term, List.of(), commit.getAsLong()));
    Pair<Pair<BoundedSourceQueue<Long>, UniqueKillSwitch>, SourceRef<Frame>> m =
        // A finite stream (a candidate copying a log) completes with its records.
        frames
            .mergeMat(ticks, Keep.right(), until != Long.MAX_VALUE)
            .viaMat(KillSwitches.single(), Keep.both())
            .toMat(StreamRefs.sourceRef(), Keep.both())
            .run(mat);
    return new Served(m.second(), m.first().second(), m.first().first());
  }

  /**
   * Appends every frame of {@code ref} to {@code wal} durably, in order (up to four frames' appends
   * in flight, so they share group commits), and hands each landed frame to {@code onLanded} in
   * order.
   */
  static Consumed consume(
      SourceRef<Frame> ref, Wal wal, Materializer mat, Consumer<Landed> onLanded) {
    Pair<UniqueKillSwitch, CompletionStage<Done>> m =
        ref.getSource()
            .viaMat(KillSwitches.single(), Keep.right())
            .mapAsync(4, f -> land(wal, f))
            .toMat(Sink.foreach(onLanded::accept), Keep.both())
            .run(mat);
    return new Consumed(m.first(), m.second());
  }

  private static CompletionStage<Landed> land(Wal wal, Frame f) {
    if (f.records().isEmpty()) {
      return CompletableFuture.completedFuture(new Landed(f.term(), List.of(), 0, f.commitLsn()));
    }
    List<Epochs.Start> starts = new ArrayList<>();
    long term = -1;
    for (WalRecord r : f.records()) {
      if (r.term() != term) {
        term = r.term();
        starts.add(new Epochs.Start(term, r.lsn()));
      }
    }
    return wal.appendReplicated(f.records())
        .thenApply(last -> new Landed(f.term(), starts, last, f.commitLsn()));
  }
}
