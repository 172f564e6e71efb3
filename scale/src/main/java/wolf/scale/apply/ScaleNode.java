package wolf.scale.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import wolf.actors.replication.LogDivergedException;
import wolf.actors.replication.NotLeaderException;
import wolf.actors.replication.ReplicatedLog;
import wolf.actors.replication.Role;
import wolf.actors.wal.WalPrunedException;
import wolf.scale.cluster.NotLeadingException;
import wolf.scale.log.ScaleEntry;
import wolf.scale.sql.PlannedWrite;
import wolf.scale.write.WriteResult;
import wolf.scale.write.WriteUnavailableException;

/**
 * WolfScale's state machine on one node: follows the replicated log's role and runs either the
 * applier (following, or catching up as a new leader) or the leader executor, never both.
 *
 * <ul>
 *   <li>{@code Following}: applies {@link ReplicatedLog#committed} from applied + 1 in groups
 *       (batched while MariaDB is busy, one by one when idle); refuses writes with {@link
 *       NotLeadingException}.
 *   <li>{@code Leading(term, committedBefore)}: keeps applying until applied ≥ committedBefore,
 *       stops the applier, then executes queued writes in batches: execute in one transaction →
 *       {@link ReplicatedLog#append} → commit with the applied LSN → answer each caller. Writes
 *       arriving meanwhile queue (bounded) and form the next batch.
 *   <li>An append that fails with {@link NotLeaderException} fails the batch's callers with {@link
 *       NotLeadingException} (retry elsewhere: nothing was written); any other failure means the
 *       outcome is unknown ({@link WriteUnavailableException} with {@code outcomeUnknown}). Either
 *       way the transaction is rolled back and execution stops; a leader still in the same term
 *       appends a no-op barrier and applies the log up to it (its own unknown records included, if
 *       they committed) before executing again.
 *   <li>{@code Draining}: the batch in flight completes; queued and new writes are refused.
 *   <li>An apply error stops applying and is reported ({@link ReplicatedLog#applyFailed}, {@link
 *       ScaleStatus}); {@link RetryApply} tries again. A divergence or a pruned/truncated log stops
 *       the node until a snapshot is installed.
 * </ul>
 *
 * All MariaDB work runs on the {@link ScaleDatabase}'s JDBC thread and comes back by {@code
 * pipeToSelf}.
 */
public final class ScaleNode extends AbstractBehavior<ScaleNode.Command> {

  public interface Command {}

  /** Run {@code write} if this node leads; answered through {@code result}. */
  public record Write(PlannedWrite write, CompletableFuture<WriteResult> result)
      implements Command {}

  public record GetStatus(ActorRef<ScaleStatus> replyTo) implements Command {}

  /** After an apply error was fixed by an operator: apply again from the failed record. */
  public enum RetryApply implements Command {
    INSTANCE
  }

  /**
   * Stop applying, run {@code work} (e.g. a snapshot restore) on an idle database, then re-read the
   * applied position and clear errors; {@code done} completes with {@code work}'s result.
   */
  public record Exclusive<T>(
      java.util.function.Supplier<java.util.concurrent.CompletionStage<T>> work,
      CompletableFuture<T> done)
      implements Command {}

  /** Stops the node; queued writes fail with {@code NotLeadingException}. */
  public enum Stop implements Command {
    INSTANCE
  }

  private record RoleChanged(Role role) implements Command {}

  private record Opened(Long applied, Throwable failure) implements Command {}

  private record ApplierProgress(long generation, long lsn) implements Command {}

  private record ApplierEnded(long generation, Throwable failure) implements Command {}

  private record ExecutorOpened(Throwable failure) implements Command {}

  private record BatchFinished(List<Write> writes, BatchRun.Outcome outcome) implements Command {}

  private record AppendBarrier(long term) implements Command {}

  private record BarrierAppended(long term, Long lsn, Throwable failure) implements Command {}

  private record ExclusiveDone(Exclusive<Object> work, Object result, Throwable failure)
      implements Command {}

  private enum Retry implements Command {
    INSTANCE
  }

  private enum Tick implements Command {
    INSTANCE
  }

  public static Behavior<Command> create(
      String nodeId, ReplicatedLog log, ScaleDatabase db, ScaleLimits limits) {
    return Behaviors.setup(
        ctx -> Behaviors.withTimers(t -> new ScaleNode(ctx, t, nodeId, log, db, limits)));
  }

  private final TimerScheduler<Command> timers;
  private final String nodeId;
  private final ReplicatedLog log;
  private final ScaleDatabase db;
  private final ScaleLimits limits;
  private final Materializer materializer;
  private final AutoCloseable roleSubscription;
  private final WriteQueue queue;
  private final ScaleRates rates = new ScaleRates();
  private Role role = new Role.Following(Optional.empty(), 0);
  private boolean opened;
  private long applied = -1;
  private long generation;
  private Optional<UniqueKillSwitch> applier = Optional.empty();
  private boolean applierStopRequested;
  private long catchUpTo = -1;
  private boolean executing;
  private boolean batchInFlight;
  private boolean barrierInFlight;
  private Optional<String> applyError = Optional.empty();
  private Optional<String> diverged = Optional.empty();
  private Optional<String> needsSnapshot = Optional.empty();
  private final List<Exclusive<?>> exclusive = new ArrayList<>();
  private boolean exclusiveRunning;

  private ScaleNode(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      String nodeId,
      ReplicatedLog log,
      ScaleDatabase db,
      ScaleLimits limits) {
    super(ctx);
    ctx.setLoggerName(ScaleNode.class);
    this.timers = timers;
    this.nodeId = nodeId;
    this.log = log;
    this.db = db;
    this.limits = limits;
    this.queue = new WriteQueue(limits);
    this.materializer = Materializer.createMaterializer(ctx);
    ActorRef<Command> self = ctx.getSelf();
    this.roleSubscription = log.onRoleChanged(r -> self.tell(new RoleChanged(r)));
    timers.startTimerAtFixedRate(Tick.INSTANCE, java.time.Duration.ofSeconds(1));
    open();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Write.class, this::onWrite)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessageEquals(RetryApply.INSTANCE, this::onRetryApply)
        .onMessage(Exclusive.class, this::onExclusive)
        .onMessage(RoleChanged.class, this::onRoleChanged)
        .onMessage(Opened.class, this::onOpened)
        .onMessage(ApplierProgress.class, this::onApplierProgress)
        .onMessage(ApplierEnded.class, this::onApplierEnded)
        .onMessage(ExecutorOpened.class, this::onExecutorOpened)
        .onMessage(BatchFinished.class, this::onBatchFinished)
        .onMessage(AppendBarrier.class, m -> appendBarrier(m.term()))
        .onMessage(BarrierAppended.class, this::onBarrierAppended)
        .onMessage(ExclusiveDone.class, this::onExclusiveDone)
        .onMessageEquals(Retry.INSTANCE, this::onRetry)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
        .onSignal(PostStop.class, s -> onPostStop())
        .build();
  }

  // ---- start-up and role changes ----

  private void open() {
    getContext().pipeToSelf(db.open(), (a, e) -> new Opened(a, e));
  }

  private Behavior<Command> onOpened(Opened m) {
    if (m.failure() != null) {
      warn("cannot open the local MariaDB ({}); retrying", cause(m.failure()).toString());
      timers.startSingleTimer(Retry.INSTANCE, limits.retryDelay());
      return this;
    }
    opened = true;
    applied = m.applied();
    log.applied(applied);
    getContext().getLog().info("{}: local MariaDB has applied up to LSN {}", nodeId, applied);
    return proceed();
  }

  private Behavior<Command> onRoleChanged(RoleChanged m) {
    Role previous = role;
    role = m.role();
    getContext().getLog().info("{}: role {} (was {})", nodeId, role, previous);
    executing = false;
    barrierInFlight = false; // a barrier of the old term no longer matters
    catchUpTo = -1;
    if (role instanceof Role.Leading l) {
      catchUpTo = l.committedBefore();
    } else {
      failQueued(
          role instanceof Role.Draining ? "it is handing over leadership" : "it does not lead");
    }
    return proceed();
  }

  /** Starts whatever the current role and state call for, once nothing is in flight. */
  private Behavior<Command> proceed() {
    if (!opened || batchInFlight || exclusiveRunning) {
      return this;
    }
    if (!exclusive.isEmpty()) {
      return startExclusive();
    }
    if (stopped()) {
      return this;
    }
    if (role instanceof Role.Draining) {
      return this;
    }
    if (role instanceof Role.Leading && catchUpTo >= 0 && applied >= catchUpTo) {
      if (applier.isPresent()) {
        stopApplier();
        return this;
      }
      catchUpTo = -1;
      getContext().pipeToSelf(db.openExecutor(), (d, e) -> new ExecutorOpened(e));
      return this;
    }
    if (executing) {
      return maybeStartBatch();
    }
    if (applier.isEmpty()
        && !barrierInFlight
        && (role instanceof Role.Following || catchUpTo >= 0)) {
      startApplier();
    }
    return this;
  }

  private boolean stopped() {
    return applyError.isPresent() || diverged.isPresent() || needsSnapshot.isPresent();
  }

  // ---- the applier ----

  private void startApplier() {
    long gen = ++generation;
    ActorRef<Command> self = getContext().getSelf();
    Pair<UniqueKillSwitch, java.util.concurrent.CompletionStage<Done>> run =
        ApplierStream.run(
            log,
            applied + 1,
            db,
            limits,
            lsn -> self.tell(new ApplierProgress(gen, lsn)),
            materializer);
    applier = Optional.of(run.first());
    getContext().pipeToSelf(run.second(), (d, e) -> new ApplierEnded(gen, e));
  }

  private void stopApplier() {
    applier.ifPresent(UniqueKillSwitch::shutdown);
    applierStopRequested = applier.isPresent();
  }

  private Behavior<Command> onApplierProgress(ApplierProgress m) {
    if (m.lsn() > applied) {
      rates.applied += m.lsn() - applied;
      applied = m.lsn();
      log.applied(applied);
    }
    if (m.generation() == generation && catchUpTo >= 0 && applied >= catchUpTo) {
      stopApplier();
    }
    return this;
  }

  private Behavior<Command> onApplierEnded(ApplierEnded m) {
    if (m.generation() != generation) {
      return this;
    }
    applier = Optional.empty();
    boolean requested = applierStopRequested;
    applierStopRequested = false;
    applied = Math.max(applied, db.appliedLsn());
    Throwable t = m.failure() == null ? null : cause(m.failure());
    if (t instanceof ApplyFailedException a) {
      applyError = Optional.of(a.getMessage());
      getContext().getLog().error("{}: applying stopped: {}", nodeId, a.getMessage());
      log.applyFailed(a.lsn(), a.getMessage());
    } else if (t instanceof DivergedException d) {
      diverge(d.getMessage());
    } else if (t instanceof WalPrunedException || t instanceof LogDivergedException) {
      needsSnapshot = Optional.of(t.getMessage());
      getContext()
          .getLog()
          .error(
              "{}: the log cannot feed this node ({}); it needs a snapshot",
              nodeId,
              t.getMessage());
      log.applyFailed(applied + 1, "needs a snapshot: " + t.getMessage());
    } else if (t != null || !requested) {
      warn("applier stopped ({}); restarting", t == null ? "the log's stream ended" : t.toString());
      timers.startSingleTimer(Retry.INSTANCE, limits.retryDelay());
      return this;
    }
    return proceed();
  }

  private Behavior<Command> onRetry() {
    if (!opened) {
      open();
      return this;
    }
    return proceed();
  }

  private Behavior<Command> onRetryApply() {
    applyError = Optional.empty();
    return proceed();
  }

  private void diverge(String why) {
    diverged = Optional.of(why);
    executing = false;
    getContext().getLog().error("{}: {}", nodeId, why);
    log.applyFailed(applied + 1, why);
    failQueued("its database diverged from the log");
  }

  // ---- the leader executor ----

  private Behavior<Command> onExecutorOpened(ExecutorOpened m) {
    if (m.failure() != null && cause(m.failure()) instanceof DivergedException d) {
      diverge(d.getMessage());
      return this;
    }
    if (m.failure() != null) {
      warn("cannot open the leader session ({}); retrying", cause(m.failure()).toString());
      catchUpTo = applied;
      timers.startSingleTimer(Retry.INSTANCE, limits.retryDelay());
      return this;
    }
    if (role instanceof Role.Leading && catchUpTo < 0) {
      executing = true;
      getContext().getLog().info("{}: executing writes from LSN {}", nodeId, applied + 1);
    }
    return proceed();
  }

  private Behavior<Command> onWrite(Write w) {
    if (!(role instanceof Role.Leading) || stopped()) {
      w.result()
          .completeExceptionally(
              stopped()
                  ? new WriteUnavailableException(
                      nodeId + " leads but cannot execute writes: " + whyStopped(), false, null)
                  : new NotLeadingException(nodeId + " does not lead"));
      return this;
    }
    if (!queue.offer(w)) {
      w.result()
          .completeExceptionally(
              new WriteUnavailableException(
                  nodeId + ": too many writes waiting (" + queue.size() + "); nothing was written",
                  false,
                  null));
      return this;
    }
    return executing ? maybeStartBatch() : this;
  }

  private Behavior<Command> maybeStartBatch() {
    if (!executing || batchInFlight || queue.isEmpty() || !(role instanceof Role.Leading l)) {
      return this;
    }
    List<Write> batch = queue.takeBatch();
    batchInFlight = true;
    List<PlannedWrite> planned = batch.stream().map(Write::write).toList();
    getContext()
        .pipeToSelf(
            BatchRun.run(db, log, planned, l.term()), (o, e) -> new BatchFinished(batch, o));
    return this;
  }

  private Behavior<Command> onBatchFinished(BatchFinished m) {
    batchInFlight = false;
    BatchRun.Outcome o = m.outcome();
    Throwable t = o.cause();
    switch (o.kind()) {
      case COMMITTED, LOGGED_LOCAL_UNKNOWN -> {
        // Logged and committed in the log: the writes are done, whatever the local commit did.
        WriteQueue.answer(m.writes(), o.batch(), o.firstLsn());
        int n = o.batch().payloads().size();
        rates.writes += n;
        if (o.kind() == BatchRun.Kind.COMMITTED) {
          applied = o.firstLsn() + n - 1;
          log.applied(applied);
        } else {
          warn(
              "local commit of LSN "
                  + o.firstLsn()
                  + ".. failed ("
                  + t
                  + "); re-applying from the log");
          settle();
        }
      }
      case NOTHING_TO_LOG -> WriteQueue.answer(m.writes(), o.batch(), 0);
      case LOCAL_FAILED ->
          WriteQueue.fail(
              m.writes(),
              o.batch(),
              new WriteUnavailableException(
                  nodeId
                      + ": the local MariaDB failed ("
                      + t.getMessage()
                      + "); nothing was written",
                  false,
                  t));
      case NOT_LEADER -> {
        WriteQueue.fail(
            m.writes(),
            o.batch(),
            new NotLeadingException(
                nodeId + " lost leadership before the write was logged; nothing was written"));
        warn("the log refused the append ({}); waiting for the next role", t.getMessage());
        executing = false; // nothing was written; the log announces the next role
      }
      case OUTCOME_UNKNOWN -> {
        WriteQueue.fail(
            m.writes(),
            o.batch(),
            new WriteUnavailableException(
                nodeId
                    + ": the log did not confirm the write ("
                    + t.getMessage()
                    + "); it may still be applied",
                true,
                t));
        warn("append outcome unknown ({}); settling the log first", t.toString());
        settle();
      }
      case DIVERGED -> {
        WriteQueue.fail(
            m.writes(),
            o.batch(),
            new WriteUnavailableException(nodeId + ": " + t.getMessage(), o.firstLsn() > 0, null));
        diverge(t.getMessage());
      }
    }
    return proceed();
  }

  /** Stops executing; a leader appends a barrier and applies up to it before executing again. */
  private void settle() {
    executing = false;
    if (role instanceof Role.Leading l) {
      appendBarrier(l.term());
    }
  }

  /** Logs a warning with the node id first, SLF4J placeholders in {@code format}. */
  private void warn(String format, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = nodeId;
    System.arraycopy(args, 0, all, 1, args.length);
    getContext().getLog().warn("{}: " + format, all);
  }

  /** Appends a no-op and applies up to it: every record of the term before it is then settled. */
  private Behavior<Command> appendBarrier(long term) {
    barrierInFlight = true;
    getContext()
        .pipeToSelf(
            log.append(List.of(ScaleEntry.NOOP.encode())),
            (lsn, e) -> new BarrierAppended(term, lsn, e));
    return this;
  }

  private Behavior<Command> onBarrierAppended(BarrierAppended m) {
    if (!(role instanceof Role.Leading l) || l.term() != m.term()) {
      barrierInFlight = false;
      return proceed();
    }
    if (m.failure() != null) {
      warn("barrier append failed ({}); retrying", cause(m.failure()).toString());
      timers.startSingleTimer(new AppendBarrier(m.term()), limits.retryDelay());
      return this;
    }
    barrierInFlight = false;
    catchUpTo = m.lsn();
    return proceed();
  }

  // ---- exclusive work (snapshot install) ----

  private Behavior<Command> onExclusive(Exclusive<?> m) {
    if (!(role instanceof Role.Following)) {
      m.done()
          .completeExceptionally(
              new IllegalStateException(
                  nodeId + " must be following to install a snapshot, it is " + role));
      return this;
    }
    exclusive.add(m);
    stopApplier();
    return proceed();
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> startExclusive() {
    if (applier.isPresent()) {
      stopApplier();
      return this;
    }
    Exclusive<Object> x = (Exclusive<Object>) exclusive.remove(0);
    exclusiveRunning = true;
    java.util.concurrent.CompletionStage<Object> work =
        db.disconnect()
            .thenCompose(d -> x.work().get())
            .thenCompose(r -> db.open().thenApply(a -> r));
    getContext().pipeToSelf(work, (r, e) -> new ExclusiveDone(x, r, e));
    return this;
  }

  private Behavior<Command> onExclusiveDone(ExclusiveDone m) {
    exclusiveRunning = false;
    applied = db.appliedLsn();
    if (m.failure() == null) {
      applyError = Optional.empty();
      diverged = Optional.empty();
      needsSnapshot = Optional.empty();
      log.applied(applied);
      m.work().done().complete(m.result());
    } else {
      // The databases may be half replaced: nothing may be applied on top of them.
      needsSnapshot =
          Optional.of("installing a snapshot failed: " + cause(m.failure()).getMessage());
      getContext().getLog().error("{}: {}", nodeId, needsSnapshot.get());
      m.work().done().completeExceptionally(cause(m.failure()));
    }
    return proceed();
  }

  // ---- status, housekeeping ----

  private Behavior<Command> onGetStatus(GetStatus m) {
    m.replyTo()
        .tell(
            new ScaleStatus(
                mode(),
                applied,
                applyError,
                diverged,
                needsSnapshot,
                queue.size(),
                rates.writesPerSecond,
                rates.appliedPerSecond,
                rates.writesTotal,
                rates.appliedTotal));
    return this;
  }

  private String mode() {
    if (!opened) {
      return "starting";
    }
    if (exclusiveRunning) {
      return "restoring";
    }
    if (stopped()) {
      return "stopped";
    }
    if (role instanceof Role.Draining) {
      return "draining";
    }
    if (role instanceof Role.Leading) {
      return executing
          ? "leading"
          : barrierInFlight || catchUpTo < 0 ? "recovering" : "catching-up";
    }
    return "following";
  }

  private String whyStopped() {
    return applyError.or(() -> diverged).or(() -> needsSnapshot).orElse("");
  }

  private Behavior<Command> onTick() {
    rates.tick();
    return this;
  }

  private void failQueued(String why) {
    queue.failAll(() -> new NotLeadingException(nodeId + ": " + why));
  }

  private Behavior<Command> onPostStop() {
    stopApplier();
    failQueued("it stopped");
    try {
      roleSubscription.close();
    } catch (Exception e) {
      getContext().getLog().debug("{}: closing the role subscription: {}", nodeId, e.toString());
    }
    return this;
  }

  private static Throwable cause(Throwable t) {
    return BatchRun.cause(t);
  }
}
