package wolf.actors.replication;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;
import wolf.actors.wal.Wal;
import wolf.actors.wal.WalRecord;

/**
 * {@link ReplicatedLog#committed}: reads this node's WAL, never past the {@link CommitWatch}
 * watermark, so it emits committed records only and is never affected by the truncation of an
 * uncommitted tail. Pull-driven: it reads (on {@code reader}, a blocking executor) only when
 * downstream wants more, at most {@value #CHUNK_RECORDS} records or {@value #CHUNK_BYTES} bytes at
 * a time, and waits on the watermark when caught up. Stateless.
 */
final class CommittedSource {
  static final int CHUNK_RECORDS = 512;
  static final long CHUNK_BYTES = 4L << 20;

  private CommittedSource() {}

  static Source<WalRecord, NotUsed> of(Wal wal, CommitWatch watch, long fromLsn, Executor reader) {
    if (fromLsn < 1) {
      throw new IllegalArgumentException("LSNs start at 1, not " + fromLsn);
    }
    return Source.lazySource(
            () -> {
              long generation = watch.generation();
              return Source.unfoldAsync(
                      fromLsn,
                      (Long next) ->
                          watch
                              .awaitAtLeast(next, generation)
                              .thenApplyAsync(
                                  commit -> {
                                    List<WalRecord> r =
                                        wal.read(next, commit, CHUNK_RECORDS, CHUNK_BYTES);
                                    return Optional.of(Pair.create(next + r.size(), r));
                                  },
                                  reader))
                  .mapConcat(l -> l);
            })
        .mapMaterializedValue(m -> NotUsed.getInstance());
  }
}
