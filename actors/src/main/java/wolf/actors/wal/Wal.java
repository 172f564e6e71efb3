package wolf.actors.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.stream.javadsl.Source;
import wolf.config.WalSettings;

/**
 * The write-ahead log, for callers in and outside actors: one directory, one {@link WalWriter}
 * owning it, readers and tails on the side. LSNs start at 1 and are contiguous; every record
 * carries the term it was appended in.
 *
 * <p>Durability: {@link #append} completes with the record's LSN only once it is durable ({@code
 * fsync = true}) or handed to the OS ({@code fsync = false}); {@link #durableLsn()} is the highest
 * such LSN. {@link #writtenLsn()} may be ahead of it while a group commit is in flight.
 *
 * <p>Thread-safety: every method may be called from any thread. {@link #read} blocks on file I/O:
 * call it from a blocking dispatcher or a plain thread, never from an actor. Futures returned by
 * {@link #append} are completed on the WAL's I/O thread right after the fsync: dependent actions
 * attached with the non-{@code Async} methods run there and delay the next group commit, so keep
 * them short (tell an actor, append again, count) and use the {@code *Async} variants for anything
 * else. {@code pipeToSelf} and {@code ask} are fine.
 *
 * <p>Files, format, group commit, recovery and retention: {@code docs/WAL.md}.
 */
public final class Wal implements AutoCloseable {

  /** The dispatcher all WAL file writes and fsyncs run on (actors' {@code reference.conf}). */
  public static final String DISPATCHER = "wolf.wal-dispatcher";

  /** Most bytes one {@link #read(long, int)} returns (at least one record always). */
  public static final long READ_BYTES = 16L << 20;

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final ActorSystem<?> system;
  private final SegmentedLog log;
  private final ActorRef<WalWriter.Command> writer;
  private final WalMetrics metrics;
  private final Executor readers;
  private final AtomicReference<CompletionStage<Done>> closing = new AtomicReference<>();

  private Wal(
      ActorSystem<?> system,
      SegmentedLog log,
      ActorRef<WalWriter.Command> writer,
      WalMetrics metrics) {
    this.system = system;
    this.log = log;
    this.writer = writer;
    this.metrics = metrics;
    this.readers = system.dispatchers().lookup(DispatcherSelector.blocking());
  }

  /**
   * Opens (creating if needed) the log in {@code dir}, recovering it first: blocks for the time
   * recovery takes (it reads every segment once).
   *
   * @throws WalCorruptException if a segment before the tail is damaged
   * @throws IllegalStateException if the directory's log is already open
   */
  public static Wal open(ActorSystem<?> system, Path dir, WalSettings settings) throws IOException {
    return open(system, dir, settings, WalWriter.Limits.defaults(settings), Clock.systemUTC());
  }

  /** {@link #open(ActorSystem, Path, WalSettings)} with explicit limits and clock. */
  public static Wal open(
      ActorSystem<?> system, Path dir, WalSettings settings, WalWriter.Limits limits, Clock clock)
      throws IOException {
    Executor io = system.dispatchers().lookup(DispatcherSelector.fromConfig(DISPATCHER));
    return open(system, dir, SegmentedLog.Options.from(settings), settings, limits, clock, io);
  }

  /** For tests: explicit log options (segment size in bytes) and I/O executor. */
  static Wal open(
      ActorSystem<?> system,
      Path dir,
      SegmentedLog.Options options,
      WalSettings settings,
      WalWriter.Limits limits,
      Clock clock,
      Executor io)
      throws IOException {
    SegmentedLog log = SegmentedLog.open(dir, options);
    WalMetrics metrics = new WalMetrics(log);
    ActorRef<WalWriter.Command> writer =
        system.systemActorOf(
            WalWriter.create(log, settings, limits, io, metrics, clock),
            "wal-writer-" + NAMES.incrementAndGet(),
            Props.empty());
    return new Wal(system, log, writer, metrics);
  }

  /**
   * Appends one record.
   *
   * @return its LSN, once durable; or fails with {@link WalOverloadedException} (queue full, retry
   *     later), {@link WalClosedException}, or {@link IllegalArgumentException} (payload larger
   *     than 16 MiB)
   */
  public CompletionStage<Long> append(long term, byte[] payload) {
    CompletableFuture<Long> result = new CompletableFuture<>();
    return submit(PendingAppend.one(term, payload, new PendingAppend.FutureReply(result, false)));
  }

  /**
   * Appends {@code payloads} as consecutive records in {@code term}: contiguous LSNs, written in
   * the same group commit, nothing interleaved. The queue and batch bounds count every record; a
   * call larger than a batch goes out alone.
   *
   * @return the FIRST record's LSN, once all are durable; fails like {@link #append}, and with
   *     {@link IllegalArgumentException} if {@code payloads} is empty
   */
  public CompletionStage<Long> appendAll(long term, List<byte[]> payloads) {
    CompletableFuture<Long> result = new CompletableFuture<>();
    return submit(PendingAppend.all(term, payloads, new PendingAppend.FutureReply(result, false)));
  }

  /**
   * Follower side of replication: appends {@code records} received from the leader as they are,
   * keeping each one's LSN, term and timestamp. They must be contiguous, and the first one's LSN
   * must be the log's next LSN at the moment they are written, that is after everything queued
   * before this call (appends, truncations, resets); each call is checked then, so it may be mixed
   * with {@link #append} calls. Goes out in one group commit, like {@link #appendAll}.
   *
   * @return the LAST record's LSN, once all are durable; fails with {@link WalGapException}
   *     (nothing of this call was written: resynchronise), or like {@link #appendAll}
   */
  public CompletionStage<Long> appendReplicated(List<WalRecord> records) {
    CompletableFuture<Long> result = new CompletableFuture<>();
    return submit(PendingAppend.replicated(records, new PendingAppend.FutureReply(result, true)));
  }

  private CompletionStage<Long> submit(PendingAppend p) {
    if (closing.get() != null) {
      p.reply().failed(new WalClosedException(log.directory() + ": the WAL is closed", null));
    } else {
      writer.tell(p);
    }
    return ((PendingAppend.FutureReply) p.reply()).result();
  }

  /**
   * Reads up to {@code maxRecords} records from {@code fromLsn} on, at most {@link #READ_BYTES}
   * bytes (at least one record if any is there), never past {@link #writtenLsn()}. Blocking.
   *
   * @return records in LSN order; empty if {@code fromLsn > writtenLsn()}
   * @throws WalPrunedException if {@code fromLsn} was deleted by retention
   * @throws WalCorruptException if a record read fails its CRC or framing checks
   */
  public List<WalRecord> read(long fromLsn, int maxRecords) {
    return read(fromLsn, Long.MAX_VALUE, maxRecords, READ_BYTES);
  }

  /** Like {@link #read(long, int)}, bounded by {@code toLsn} and {@code maxBytes} as well. */
  public List<WalRecord> read(long fromLsn, long toLsn, int maxRecords, long maxBytes) {
    try {
      List<WalRecord> r = log.read(fromLsn, toLsn, maxRecords, maxBytes);
      metrics.read(r.size());
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every record from {@code fromLsn} on, each once it is durable, without end: catch-up reads
   * first, then live records as {@link #durableLsn()} advances. Backpressured (a slow subscriber
   * holds at most one read chunk); reads run on Pekko's blocking I/O dispatcher. Fails with {@link
   * WalPrunedException}, {@link WalTruncatedException} (records it emitted were truncated away) or
   * {@link WalClosedException}.
   */
  public Source<WalRecord, NotUsed> tail(long fromLsn) {
    return Source.fromGraph(new TailStage(log, fromLsn, readers, metrics, false));
  }

  /**
   * Like {@link #tail}, but each record is emitted as soon as it is written to the OS (visible to
   * {@link #read}), before its fsync: a leader ships records to its followers while its own fsync
   * runs. A record emitted this way may still be lost if this node crashes before the fsync (the
   * appender was not answered then). Same failures as {@link #tail}.
   */
  public Source<WalRecord, NotUsed> tailWritten(long fromLsn) {
    return Source.fromGraph(new TailStage(log, fromLsn, readers, metrics, true));
  }

  /**
   * Removes every record after {@code lsn}, after the appends sent before this call are written;
   * the next append gets {@code lsn + 1}. Tails that emitted records after {@code lsn} fail with
   * {@link WalTruncatedException}.
   */
  public CompletionStage<Done> truncateAfter(long lsn) {
    return AskPattern.askWithStatus(
        writer,
        (ActorRef<org.apache.pekko.pattern.StatusReply<Done>> r) ->
            new WalWriter.TruncateAfter(lsn, r),
        ASK_TIMEOUT,
        system.scheduler());
  }

  /**
   * Replaces the whole log by an empty one whose next LSN is {@code lastLsn + 1}, after the
   * operations sent before this call (used once a snapshot taken at {@code lastLsn} is installed).
   * Afterwards {@code firstLsn() == lastLsn + 1}, {@code writtenLsn() == durableLsn() == lastLsn},
   * {@code lastTerm() == termAt(lastLsn) == lastTerm}; this survives a reopen and a crash at any
   * point of the reset (it either happened or not). Reads at or before {@code lastLsn} fail with
   * {@link WalPrunedException}; tails that had emitted records after {@code lastLsn} fail with
   * {@link WalTruncatedException}.
   *
   * @return done once the reset is durable; fails with {@link IllegalArgumentException} for a
   *     negative LSN or term, or {@link WalClosedException}
   */
  public CompletionStage<Done> resetTo(long lastLsn, long lastTerm) {
    return AskPattern.askWithStatus(
        writer,
        (ActorRef<org.apache.pekko.pattern.StatusReply<Done>> r) ->
            new WalWriter.ResetTo(lastLsn, lastTerm, r),
        ASK_TIMEOUT,
        system.scheduler());
  }

  /**
   * The term of the record at {@link #writtenLsn()}; after {@link #resetTo} with nothing appended
   * since, the reset's {@code lastTerm}; 0 for a new log. Read together with {@code writtenLsn()}
   * while appends run, the two may belong to different moments: {@link #termAt} gives the term of a
   * given LSN.
   */
  public long lastTerm() {
    return log.lastTerm();
  }

  /**
   * The term of record {@code lsn}, for log matching: for {@code firstLsn() - 1} the term the log
   * starts after (0 for LSN 0, the reset's {@code lastTerm} after {@link #resetTo}); otherwise read
   * from the record. Blocking (at most one read of ~64 KiB); call it off actor threads.
   *
   * @return empty if {@code lsn} is before {@code firstLsn() - 1} or after {@code writtenLsn()}
   * @throws WalCorruptException if the record fails its checks
   */
  public OptionalLong termAt(long lsn) {
    try {
      return log.termAt(lsn);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Highest LSN that is durable (see the class comment); 0 when the log is empty. */
  public long durableLsn() {
    return log.durableLsn();
  }

  /** Highest LSN written to the OS; readers see up to here. */
  public long writtenLsn() {
    return log.writtenLsn();
  }

  /** First LSN still held; earlier ones were deleted by retention. */
  public long firstLsn() {
    return log.firstLsn();
  }

  /**
   * Node {@code nodeId} has applied every record up to {@code lsn}. Retention deletes a closed
   * segment only when every node that reported is past it (and it is older than {@code
   * retention_hours}); with no report at all it deletes nothing. Report the local node too.
   */
  public void applied(String nodeId, long lsn) {
    writer.tell(new WalWriter.Applied(nodeId, lsn));
  }

  /** Node {@code nodeId} is gone for good: retention stops waiting for it. */
  public void forget(String nodeId) {
    writer.tell(new WalWriter.Forget(nodeId));
  }

  /**
   * Runs retention now (it also runs every minute by itself when {@code retention_hours > 0}).
   *
   * @return the deleted segment files
   */
  public CompletionStage<List<Path>> runRetention() {
    return AskPattern.askWithStatus(
        writer,
        (ActorRef<org.apache.pekko.pattern.StatusReply<List<Path>>> r) ->
            new WalWriter.RunRetention(r),
        ASK_TIMEOUT,
        system.scheduler());
  }

  public WalMetrics metrics() {
    return metrics;
  }

  /** The writer, for actors that append with {@link WalWriter.Append} messages. */
  public ActorRef<WalWriter.Command> writer() {
    return writer;
  }

  /** The log directory. */
  public Path directory() {
    return log.directory();
  }

  /** The segment files, oldest first. */
  public List<Path> segmentFiles() {
    return log.segmentFiles();
  }

  SegmentedLog log() {
    return log;
  }

  /**
   * Writes what is queued, closes the files and stops the writer. Later appends fail with {@link
   * WalClosedException}. Idempotent.
   */
  public CompletionStage<Done> closeAsync() {
    CompletableFuture<Done> mine = new CompletableFuture<>();
    CompletionStage<Done> prior = closing.compareAndExchange(null, mine);
    if (prior != null) {
      return prior;
    }
    AskPattern.<WalWriter.Command, Done>ask(
            writer, WalWriter.Close::new, ASK_TIMEOUT, system.scheduler())
        .whenComplete(
            (done, err) -> {
              if (err == null) {
                mine.complete(done);
              } else {
                mine.completeExceptionally(err);
              }
            });
    return mine;
  }

  /** {@link #closeAsync()}, waiting for it. */
  @Override
  public void close() {
    try {
      closeAsync().toCompletableFuture().get(ASK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WalClosedException(log.directory() + ": interrupted while closing", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new WalClosedException(log.directory() + ": close failed: " + e, e);
    }
  }
}
