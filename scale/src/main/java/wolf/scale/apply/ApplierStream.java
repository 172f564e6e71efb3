package wolf.scale.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;
import org.apache.pekko.Done;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import wolf.actors.replication.ReplicatedLog;
import wolf.actors.wal.WalRecord;

/**
 * The applier as a stream: committed records from an LSN, grouped while MariaDB is busy with the
 * previous group ({@code batchWeighted}: no added latency when idle, bigger groups under load, at
 * most {@link ScaleLimits#maxGroupRecords()} records and about {@link ScaleLimits#maxGroupBytes()}
 * bytes), each group applied by {@link ScaleDatabase#apply} — one at a time. Stateless.
 */
final class ApplierStream {
  private ApplierStream() {}

  /**
   * Starts applying from {@code fromLsn}.
   *
   * @param progress called with the applied LSN after each group (on a stream thread)
   * @return the switch that stops it, and its completion (failed with the apply error, if any)
   */
  static Pair<UniqueKillSwitch, CompletionStage<Done>> run(
      ReplicatedLog log,
      long fromLsn,
      ScaleDatabase db,
      ScaleLimits limits,
      LongConsumer progress,
      Materializer materializer) {
    long maxBytes = limits.maxGroupBytes();
    long perRecord = Math.max(1, maxBytes / limits.maxGroupRecords());
    return log.committed(fromLsn)
        .batchWeighted(
            maxBytes,
            r -> Math.max(perRecord, r.payload().length),
            r -> {
              List<WalRecord> g = new ArrayList<>();
              g.add(r);
              return g;
            },
            (g, r) -> {
              g.add(r);
              return g;
            })
        .mapAsync(1, db::apply)
        .viaMat(KillSwitches.single(), Keep.right())
        .toMat(Sink.foreach(progress::accept), Keep.both())
        .run(materializer);
  }
}
