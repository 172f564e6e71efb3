package wolf.actors.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import wolf.config.WalSettings;

/**
 * The one owner of a {@link SegmentedLog}. Appends are queued in arrival order and written by
 * <b>group commit</b>: while one write+fsync is in flight, new appends wait; when it completes,
 * everything queued (at most {@code batch_size} records and {@link Limits#maxBatchBytes()}) goes
 * out in the next single write+fsync. With nothing in flight, the first append waits at most {@code
 * flush_interval_ms} for company (0: it goes out as soon as the mailbox has been drained), or less
 * if {@code batch_size} records arrive first. A caller is answered with its LSN only once its
 * record is durable ({@code fsync = true}) or written ({@code fsync = false}).
 *
 * <p>All file I/O runs on the {@code io} executor (the {@value Wal#DISPATCHER} dispatcher), one
 * operation at a time, and comes back through {@code pipeToSelf}; the actor itself never blocks.
 * Truncation, retention and close are queued behind the appends that arrived before them.
 *
 * <p>Overload: the queue is bounded by {@link Limits#maxQueuedRecords()} and {@link
 * Limits#maxQueuedBytes()}; an append beyond either is answered at once with {@link
 * WalOverloadedException}. An I/O error fails the batch and everything queued with {@link
 * WalClosedException} and the writer refuses all further work: the log must be reopened, which
 * recovers it.
 */
public final class WalWriter extends AbstractBehavior<WalWriter.Command> {

  public interface Command {}

  /**
   * Appends {@code payload}; answered with {@link Appended} (its LSN) or an error ({@link
   * Wal#append} lists them).
   */
  public record Append(long term, byte[] payload, ActorRef<StatusReply<Appended>> replyTo)
      implements Command {}

  /**
   * Appends {@code payloads} as consecutive records in one group commit; answered with {@link
   * Appended} carrying the FIRST LSN (see {@link Wal#appendAll}).
   */
  public record AppendAll(long term, List<byte[]> payloads, ActorRef<StatusReply<Appended>> replyTo)
      implements Command {}

  /**
   * Appends the leader's {@code records} as they are; answered with {@link Appended} carrying the
   * LAST LSN, or {@link WalGapException} (see {@link Wal#appendReplicated}).
   */
  public record AppendReplicated(List<WalRecord> records, ActorRef<StatusReply<Appended>> replyTo)
      implements Command {}

  /** An append's answer: the LSN its message names (first or last). */
  public record Appended(long lsn) {}

  /** Drops every record after {@code lsn} (see {@link SegmentedLog#truncateAfter}). */
  public record TruncateAfter(long lsn, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** Replaces the log by an empty one after {@code lastLsn} (see {@link Wal#resetTo}). */
  public record ResetTo(long lastLsn, long lastTerm, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** Node {@code nodeId} has applied everything up to {@code lsn}; retention waits for it. */
  public record Applied(String nodeId, long lsn) implements Command {}

  /** Node {@code nodeId} left the cluster: retention no longer waits for it. */
  public record Forget(String nodeId) implements Command {}

  /** Runs retention now; answered with the deleted segment files. */
  public record RunRetention(ActorRef<StatusReply<List<Path>>> replyTo) implements Command {}

  /** Writes what is queued, closes the log, answers and stops. */
  public record Close(ActorRef<Done> replyTo) implements Command {}

  private enum Flush implements Command {
    INSTANCE
  }

  private enum RetentionTick implements Command {
    INSTANCE
  }

  private record FlushDue(long generation) implements Command {}

  private record BatchDone(Throwable failure) implements Command {}

  private record OpDone(Command op, Object result, Throwable failure) implements Command {}

  /**
   * Bounds of the writer's queue and batches.
   *
   * @param maxQueuedRecords appends that may wait (beyond it: {@link WalOverloadedException})
   * @param maxQueuedBytes payload bytes that may wait
   * @param maxBatchBytes payload bytes in one group commit (at least one record always goes)
   * @param retentionInterval how often retention runs by itself
   */
  public record Limits(
      int maxQueuedRecords, long maxQueuedBytes, long maxBatchBytes, Duration retentionInterval) {
    /**
     * Queue: 16 batches or 16,384 records, whichever is more, and 64 MiB (at 100,000 appends/s that
     * rides out a 160 ms disk stall); batches of at most 16 MiB; retention every minute.
     */
    public static Limits defaults(WalSettings s) {
      return new Limits(
          Math.max(16 * s.batchSize(), 16_384), 64L << 20, 16L << 20, Duration.ofMinutes(1));
    }
  }

  static Behavior<Command> create(
      SegmentedLog log,
      WalSettings settings,
      Limits limits,
      Executor io,
      WalMetrics metrics,
      Clock clock) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  if (settings.retentionHours() > 0) {
                    timers.startTimerWithFixedDelay(
                        RetentionTick.INSTANCE, limits.retentionInterval());
                  }
                  return new WalWriter(ctx, timers, log, settings, limits, io, metrics, clock);
                }));
  }

  private final TimerScheduler<Command> timers;
  private final SegmentedLog log;
  private final WalSettings settings;
  private final Limits limits;
  private final Executor io;
  private final WalMetrics metrics;
  private final Clock clock;
  private final ArrayDeque<Command> ops = new ArrayDeque<>(); // appends and queued operations
  private final Map<String, Long> applied = new HashMap<>();
  private int queuedRecords;
  private long queuedBytes;
  private boolean inFlight;
  private boolean flushRequested;
  private boolean timerArmed;
  private long timerGeneration;
  private boolean retentionQueued;
  private boolean closing;
  private Throwable failure;

  private WalWriter(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      SegmentedLog log,
      WalSettings settings,
      Limits limits,
      Executor io,
      WalMetrics metrics,
      Clock clock) {
    super(ctx);
    this.timers = timers;
    this.log = log;
    this.settings = settings;
    this.limits = limits;
    this.io = io;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PendingAppend.class, this::onSubmit)
        .onMessage(Append.class, this::onAppend)
        .onMessage(AppendAll.class, this::onAppendAll)
        .onMessage(AppendReplicated.class, this::onAppendReplicated)
        .onMessageEquals(Flush.INSTANCE, this::onFlush)
        .onMessage(FlushDue.class, this::onFlushDue)
        .onMessage(BatchDone.class, this::onBatchDone)
        .onMessage(TruncateAfter.class, this::onBarrier)
        .onMessage(ResetTo.class, this::onBarrier)
        .onMessage(RunRetention.class, this::onBarrier)
        .onMessage(Close.class, this::onClose)
        .onMessage(OpDone.class, this::onOpDone)
        .onMessage(Applied.class, this::onApplied)
        .onMessage(Forget.class, this::onForget)
        .onMessageEquals(RetentionTick.INSTANCE, this::onRetentionTick)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onSubmit(PendingAppend m) {
    enqueue(m);
    return this;
  }

  private Behavior<Command> onAppend(Append m) {
    enqueue(
        PendingAppend.one(m.term(), m.payload(), new PendingAppend.ActorReply(m.replyTo(), false)));
    return this;
  }

  private Behavior<Command> onAppendAll(AppendAll m) {
    enqueue(
        PendingAppend.all(
            m.term(), m.payloads(), new PendingAppend.ActorReply(m.replyTo(), false)));
    return this;
  }

  private Behavior<Command> onAppendReplicated(AppendReplicated m) {
    enqueue(PendingAppend.replicated(m.records(), new PendingAppend.ActorReply(m.replyTo(), true)));
    return this;
  }

  private void enqueue(PendingAppend p) {
    if (failure != null || closing) {
      p.reply().failed(closedError());
      return;
    }
    RuntimeException invalid = p.invalid();
    if (invalid != null) {
      p.reply().failed(invalid);
      return;
    }
    int n = p.size();
    if (queuedRecords > 0
        && (queuedRecords + n > limits.maxQueuedRecords()
            || queuedBytes + p.bytes() > limits.maxQueuedBytes())) {
      metrics.reject();
      p.reply()
          .failed(
              new WalOverloadedException(
                  "WAL queue full ("
                      + queuedRecords
                      + " records, "
                      + queuedBytes
                      + " bytes waiting; limits "
                      + limits.maxQueuedRecords()
                      + " records, "
                      + limits.maxQueuedBytes()
                      + " bytes)"));
      return;
    }
    ops.add(p);
    queuedRecords += n;
    queuedBytes += p.bytes();
    if (inFlight) {
      return;
    }
    if (settings.flushIntervalMs() == 0 || queuedRecords >= settings.batchSize()) {
      requestFlush();
    } else if (!timerArmed) {
      timerArmed = true;
      long generation = ++timerGeneration;
      ActorRef<Command> self = getContext().getSelf();
      // Pekko's scheduler ticks every 10 ms; the JDK's delayed executor keeps sub-ms precision.
      CompletableFuture.delayedExecutor(settings.flushIntervalMs(), TimeUnit.MILLISECONDS)
          .execute(() -> self.tell(new FlushDue(generation)));
    }
  }

  /** Starts the next operation once the mailbox's waiting appends have joined the queue. */
  private void requestFlush() {
    if (!flushRequested) {
      flushRequested = true;
      getContext().getSelf().tell(Flush.INSTANCE);
    }
  }

  private Behavior<Command> onFlush() {
    flushRequested = false;
    startNext();
    return this;
  }

  private Behavior<Command> onFlushDue(FlushDue m) {
    if (m.generation() == timerGeneration && timerArmed) {
      timerArmed = false;
      startNext();
    }
    return this;
  }

  private void startNext() {
    if (inFlight || ops.isEmpty()) {
      return;
    }
    timerArmed = false;
    Object head = ops.peek();
    if (head instanceof PendingAppend) {
      startBatch();
      return;
    }
    Command op = ops.poll();
    if (op instanceof TruncateAfter t) {
      run(
          op,
          () -> {
            log.truncateAfter(t.lsn());
            return Done.getInstance();
          });
    } else if (op instanceof ResetTo r) {
      run(
          op,
          () -> {
            log.resetTo(r.lastLsn(), r.lastTerm());
            return Done.getInstance();
          });
    } else if (op instanceof RunRetention) {
      retentionQueued = false;
      long cutoff = clock.millis() - Duration.ofHours(settings.retentionHours()).toMillis();
      long minApplied = applied.values().stream().mapToLong(Long::longValue).min().orElse(0);
      if (settings.retentionHours() == 0 || minApplied == 0) {
        complete(op, List.of(), null);
        startNext();
      } else {
        run(op, () -> log.deleteSegments(minApplied, cutoff));
      }
    } else if (op instanceof Close) {
      run(
          op,
          () -> {
            log.close();
            return Done.getInstance();
          });
    }
  }

  private void startBatch() {
    List<PendingAppend> batch = new ArrayList<>();
    int records = 0;
    long bytes = 0;
    while (!ops.isEmpty()
        && ops.peek() instanceof PendingAppend p
        && (batch.isEmpty()
            || (records + p.size() <= settings.batchSize()
                && bytes + p.bytes() <= limits.maxBatchBytes()))) {
      ops.poll();
      batch.add(p);
      records += p.size();
      bytes += p.bytes();
    }
    queuedRecords -= records;
    queuedBytes -= bytes;
    inFlight = true;
    CompletableFuture<Void> write =
        onIo(
            () -> {
              try {
                writeBatch(batch);
                return null;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    getContext().pipeToSelf(write, (v, err) -> new BatchDone(err));
  }

  /**
   * On the I/O thread: one group commit. A replicated append whose first LSN is not the one it
   * would get is failed with {@link WalGapException} and left out; the others are written in one
   * go, made durable and answered right after the fsync: the answers go out without waiting for
   * this actor, and appenders whose callbacks append again (closed-loop callers) are back in the
   * mailbox before {@link BatchDone}, so they join the very next group commit. If the write fails,
   * the appends it was writing are failed here and the error is rethrown.
   */
  private void writeBatch(List<PendingAppend> batch) throws IOException {
    List<SegmentedLog.Entry> entries = new ArrayList<>(batch.size());
    List<PendingAppend> written = new ArrayList<>(batch.size());
    long next = log.nextLsn();
    long bytes = 0;
    for (PendingAppend p : batch) {
      if (p.replicated() && p.requiredFirstLsn() != next) {
        p.reply().failed(new WalGapException(next, p.requiredFirstLsn()));
        continue;
      }
      written.add(p);
      entries.addAll(p.entries());
      bytes += p.bytes();
      next += p.size();
    }
    if (entries.isEmpty()) {
      return;
    }
    long first;
    try {
      first = log.append(entries, clock.millis());
      long t0 = System.nanoTime();
      log.flush();
      if (settings.fsync()) {
        metrics.fsync(System.nanoTime() - t0);
      }
    } catch (IOException | RuntimeException e) {
      WalClosedException failed = failedError(log.directory(), e);
      written.forEach(p -> p.reply().failed(failed));
      throw e;
    }
    metrics.batchWritten(entries.size(), bytes);
    long lsn = first;
    for (PendingAppend p : written) {
      p.reply().succeeded(lsn, lsn + p.size() - 1);
      lsn += p.size();
    }
  }

  private Behavior<Command> onBatchDone(BatchDone m) {
    inFlight = false;
    if (m.failure() != null) {
      Throwable cause = unwrap(m.failure());
      getContext()
          .getLog()
          .error("{}: WAL write failed; refusing further work", log.directory(), cause);
      failure = cause;
      failQueued();
      return this;
    }
    if (!ops.isEmpty()) {
      requestFlush();
    }
    return this;
  }

  private Behavior<Command> onBarrier(Command m) {
    if (failure != null || closing) {
      complete(m, null, closedError());
      return this;
    }
    ops.add(m);
    if (!inFlight) {
      requestFlush();
    }
    return this;
  }

  private Behavior<Command> onClose(Close m) {
    closing = true;
    ops.add(m);
    if (!inFlight) {
      requestFlush();
    }
    return this;
  }

  private Behavior<Command> onRetentionTick() {
    if (!retentionQueued && failure == null && !closing) {
      retentionQueued = true;
      ops.add(new RunRetention(null));
      if (!inFlight) {
        requestFlush();
      }
    }
    return this;
  }

  private Behavior<Command> onApplied(Applied m) {
    applied.merge(m.nodeId(), m.lsn(), Math::max);
    return this;
  }

  private Behavior<Command> onForget(Forget m) {
    applied.remove(m.nodeId());
    return this;
  }

  /** An I/O operation other than a batch. */
  private interface Io {
    Object run() throws IOException;
  }

  private void run(Command op, Io body) {
    inFlight = true;
    CompletableFuture<Object> f =
        onIo(
            () -> {
              try {
                return body.run();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    getContext().pipeToSelf(f, (result, err) -> new OpDone(op, result, err));
  }

  /** Runs {@code task} on the I/O executor; a rejected task (executor shut down) fails. */
  private <T> CompletableFuture<T> onIo(Supplier<T> task) {
    try {
      return CompletableFuture.supplyAsync(task, io);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          new IOException("the WAL I/O executor is shut down", e));
    }
  }

  private Behavior<Command> onOpDone(OpDone m) {
    inFlight = false;
    Throwable err = m.failure() == null ? null : unwrap(m.failure());
    if (m.op() instanceof Close) {
      if (err != null) {
        getContext().getLog().warn("{}: error while closing the WAL", log.directory(), err);
      }
      complete(m.op(), Done.getInstance(), null);
      timers.cancelAll();
      return closed(log.directory());
    }
    if (err instanceof IOException) {
      getContext()
          .getLog()
          .error("{}: WAL I/O failed; refusing further work", log.directory(), err);
      failure = err;
      complete(m.op(), null, closedError());
      failQueued();
      return this;
    }
    if (m.op() instanceof RunRetention && err == null) {
      @SuppressWarnings("unchecked")
      List<Path> deleted = (List<Path>) m.result();
      if (!deleted.isEmpty()) {
        metrics.deleted(deleted.size());
        getContext()
            .getLog()
            .info(
                "{}: retention deleted {} segment(s), the log now starts at LSN {}",
                log.directory(),
                deleted.size(),
                log.firstLsn());
      }
    }
    complete(m.op(), m.result(), err);
    if (!ops.isEmpty()) {
      requestFlush();
    }
    return this;
  }

  @SuppressWarnings("unchecked")
  private static void complete(Command op, Object result, Throwable err) {
    if (op instanceof TruncateAfter t) {
      t.replyTo()
          .tell(err == null ? StatusReply.success(Done.getInstance()) : StatusReply.error(err));
    } else if (op instanceof ResetTo t) {
      t.replyTo()
          .tell(err == null ? StatusReply.success(Done.getInstance()) : StatusReply.error(err));
    } else if (op instanceof RunRetention r && r.replyTo() != null) {
      r.replyTo()
          .tell(err == null ? StatusReply.success((List<Path>) result) : StatusReply.error(err));
    } else if (op instanceof Close c) {
      c.replyTo().tell(Done.getInstance());
    }
  }

  /** Fails everything queued except {@link Close}, which still closes the log and stops. */
  private void failQueued() {
    WalClosedException e = closedError();
    ArrayDeque<Command> closes = new ArrayDeque<>();
    while (!ops.isEmpty()) {
      Command o = ops.poll();
      if (o instanceof PendingAppend p) {
        p.reply().failed(e);
      } else if (o instanceof Close) {
        closes.add(o);
      } else {
        complete(o, null, e);
      }
    }
    ops.addAll(closes);
    queuedRecords = 0;
    queuedBytes = 0;
    if (!ops.isEmpty() && !inFlight) {
      requestFlush();
    }
  }

  private WalClosedException closedError() {
    return failure != null
        ? failedError(log.directory(), failure)
        : new WalClosedException(log.directory() + ": the WAL is closed", null);
  }

  private static WalClosedException failedError(Path dir, Throwable cause) {
    return new WalClosedException(dir + ": the WAL failed: " + cause, cause);
  }

  private Behavior<Command> onPostStop() {
    closing = true;
    WalClosedException closed = closedError();
    for (Command o : ops) {
      if (o instanceof PendingAppend p) {
        p.reply().failed(closed);
      } else {
        complete(o, Done.getInstance(), o instanceof Close ? null : closed);
      }
    }
    ops.clear();
    if (!log.isClosed()) {
      // Stopped without Close (the system is terminating): close on the I/O thread, after any
      // write still running there.
      Runnable close =
          () -> {
            try {
              log.close();
            } catch (IOException | RuntimeException e) {
              // best effort: recovery on the next open handles whatever was left
            }
          };
      try {
        io.execute(close);
      } catch (RuntimeException rejected) {
        close.run();
      }
    }
    return this;
  }

  /**
   * After {@link Close}: answers everything with {@link WalClosedException} (or {@code Done} to
   * another Close) instead of stopping, so that no caller's future is left to dead letters.
   */
  private static Behavior<Command> closed(Path dir) {
    WalClosedException e = new WalClosedException(dir + ": the WAL is closed", null);
    return Behaviors.receive(Command.class)
        .onMessage(PendingAppend.class, m -> same(() -> m.reply().failed(e)))
        .onMessage(Append.class, m -> same(() -> m.replyTo().tell(StatusReply.error(e))))
        .onMessage(AppendAll.class, m -> same(() -> m.replyTo().tell(StatusReply.error(e))))
        .onMessage(AppendReplicated.class, m -> same(() -> m.replyTo().tell(StatusReply.error(e))))
        .onMessage(TruncateAfter.class, m -> same(() -> m.replyTo().tell(StatusReply.error(e))))
        .onMessage(ResetTo.class, m -> same(() -> m.replyTo().tell(StatusReply.error(e))))
        .onMessage(
            RunRetention.class,
            m ->
                same(
                    () -> {
                      if (m.replyTo() != null) {
                        m.replyTo().tell(StatusReply.error(e));
                      }
                    }))
        .onMessage(Close.class, m -> same(() -> m.replyTo().tell(Done.getInstance())))
        .onAnyMessage(m -> Behaviors.same())
        .build();
  }

  private static Behavior<Command> same(Runnable r) {
    r.run();
    return Behaviors.same();
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof UncheckedIOException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
