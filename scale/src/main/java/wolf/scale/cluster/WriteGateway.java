package wolf.scale.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import wolf.actors.CborSerializable;
import wolf.scale.write.WriteRequest;
import wolf.scale.write.WriteResult;
import wolf.scale.write.WriteService;
import wolf.scale.write.WriteUnavailableException;

/**
 * Routes writes to the leader: every node runs one, registered with the Receptionist under a key
 * that names its node ({@code wolfscale-write-<id>}), so a node finds the leader's gateway by the
 * leader's id alone.
 *
 * <p>A write {@link Send sent} here runs on {@code local} when this node leads, else it is {@link
 * Forward forwarded} to the leader's gateway, which runs it on its own {@code local} and answers
 * with the real result or the real error ({@link WriteError}). While there is no leader, or the
 * leader answers that it does not lead (a failover or hand-over in progress: nothing was run), the
 * write waits and is retried every {@link #RETRY} until {@code waitForLeader} has passed, then
 * fails with {@link WriteUnavailableException}. A forwarded write whose answer does not come back
 * within {@code answerTimeout} fails as "outcome unknown": it may have run.
 */
public final class WriteGateway extends AbstractBehavior<WriteGateway.Command> {

  static final Duration RETRY = Duration.ofMillis(100);

  public interface Command {}

  /** From another node: run {@code request} if this node leads. */
  public record Forward(WriteRequest request, ActorRef<Forwarded> replyTo)
      implements Command, CborSerializable {}

  /** The leader's answer: exactly one of {@code result} and {@code error} is present. */
  public record Forwarded(Optional<WriteResult> result, Optional<WriteError> error)
      implements CborSerializable {}

  /** Local: run {@code request} on the leader, wherever it is. */
  public record Send(WriteRequest request, CompletableFuture<WriteResult> result)
      implements Command {}

  /** Local: the leader is now {@code leader} (from the kernel's leadership). */
  public record LeaderIs(Optional<String> leader) implements Command {}

  private record Attempt(Send send, long deadlineNanos) implements Command {}

  /** The leader said it does not lead (any more): try again shortly. */
  private record NotLeaderYet(Attempt attempt, String leader) implements Command {}

  private record LeaderListed(Receptionist.Listing listing) implements Command {}

  /** A forwarded write was answered (or timed out): it is no longer in flight. */
  private record Settled(Attempt attempt) implements Command {}

  /** The Receptionist key of {@code nodeId}'s gateway. */
  public static ServiceKey<Command> key(String nodeId) {
    return ServiceKey.create(Command.class, "wolfscale-write-" + nodeId);
  }

  /**
   * @param nodeId this node
   * @param local runs a write on this node's leader executor; fails with {@link
   *     NotLeadingException} when this node does not lead
   * @param waitForLeader how long a write may wait for a leader to be known and ready
   * @param answerTimeout how long a forwarded write may take on the leader
   */
  public static Behavior<Command> create(
      String nodeId, WriteService local, Duration waitForLeader, Duration answerTimeout) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers ->
                    new WriteGateway(ctx, timers, nodeId, local, waitForLeader, answerTimeout)));
  }

  private final TimerScheduler<Command> timers;
  private final String nodeId;
  private final WriteService local;
  private final Duration waitForLeader;
  private final Duration answerTimeout;
  private Optional<String> leader = Optional.empty();
  private Optional<ActorRef<Command>> leaderRef = Optional.empty();
  private long timerIds;

  /** Forwarded writes waiting for their leader's answer, by that leader's id. */
  private final java.util.Map<Attempt, String> inFlight = new java.util.HashMap<>();

  private WriteGateway(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      String nodeId,
      WriteService local,
      Duration waitForLeader,
      Duration answerTimeout) {
    super(ctx);
    ctx.setLoggerName(WriteGateway.class);
    this.timers = timers;
    this.nodeId = nodeId;
    this.local = local;
    this.waitForLeader = waitForLeader;
    this.answerTimeout = answerTimeout;
    ctx.getSystem().receptionist().tell(Receptionist.register(key(nodeId), ctx.getSelf()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Forward.class, this::onForward)
        .onMessage(Send.class, this::onSend)
        .onMessage(Attempt.class, this::onAttempt)
        .onMessage(NotLeaderYet.class, m -> waitOrFail(m.attempt(), m.leader() + " does not lead"))
        .onMessage(LeaderIs.class, this::onLeaderIs)
        .onMessage(LeaderListed.class, this::onLeaderListed)
        .onMessage(Settled.class, m -> same(() -> inFlight.remove(m.attempt())))
        .build();
  }

  private Behavior<Command> onForward(Forward m) {
    local
        .write(m.request())
        .whenComplete(
            (r, err) ->
                m.replyTo()
                    .tell(
                        err == null
                            ? new Forwarded(Optional.of(r), Optional.empty())
                            : new Forwarded(
                                Optional.empty(), Optional.of(WriteError.of(unwrap(err))))));
    return this;
  }

  private Behavior<Command> onSend(Send m) {
    return onAttempt(new Attempt(m, System.nanoTime() + waitForLeader.toNanos()));
  }

  private Behavior<Command> onAttempt(Attempt a) {
    if (a.send().result().isDone()) {
      return this; // already answered (its leader left while it was in flight): never resend
    }
    if (leader.isEmpty() || (!leader.get().equals(nodeId) && leaderRef.isEmpty())) {
      return waitOrFail(a, "no leader is known");
    }
    String target = leader.get();
    CompletionStage<Forwarded> answer;
    if (target.equals(nodeId)) {
      answer =
          local
              .write(a.send().request())
              .handle(
                  (r, err) ->
                      err == null
                          ? new Forwarded(Optional.of(r), Optional.empty())
                          : new Forwarded(
                              Optional.empty(), Optional.of(WriteError.of(unwrap(err)))));
    } else {
      inFlight.put(a, target);
      answer =
          AskPattern.ask(
              leaderRef.get(),
              (ActorRef<Forwarded> r) -> new Forward(a.send().request(), r),
              answerTimeout,
              getContext().getSystem().scheduler());
    }
    ActorRef<Command> self = getContext().getSelf();
    answer.whenComplete(
        (f, err) -> {
          self.tell(new Settled(a));
          CompletableFuture<WriteResult> out = a.send().result();
          if (err != null) {
            out.completeExceptionally(
                new WriteUnavailableException(
                    "no answer from leader "
                        + target
                        + " within "
                        + answerTimeout.toMillis()
                        + " ms; the write may have been applied",
                    true,
                    err));
          } else if (f.result().isPresent()) {
            out.complete(f.result().get());
          } else if (f.error().get().kind() == WriteError.Kind.NOT_LEADER) {
            self.tell(new NotLeaderYet(a, target));
          } else {
            out.completeExceptionally(f.error().get().toException(target));
          }
        });
    return this;
  }

  private Behavior<Command> waitOrFail(Attempt a, String why) {
    if (System.nanoTime() >= a.deadlineNanos()) {
      a.send()
          .result()
          .completeExceptionally(
              new WriteUnavailableException(
                  nodeId
                      + ": "
                      + why
                      + " after waiting "
                      + waitForLeader.toMillis()
                      + " ms; nothing was written",
                  false,
                  null));
      return this;
    }
    timers.startSingleTimer("retry-" + (timerIds++), a, RETRY);
    return this;
  }

  private Behavior<Command> onLeaderIs(LeaderIs m) {
    if (!m.leader().equals(leader)) {
      // Writes forwarded to a leader that is gone will get no answer: tell their callers now
      // rather than after the answer timeout. The old leader may have committed them.
      inFlight.forEach(
          (attempt, target) -> {
            if (!m.leader().equals(Optional.of(target))) {
              attempt
                  .send()
                  .result()
                  .completeExceptionally(
                      new WriteUnavailableException(
                          "leader "
                              + target
                              + " left while the write was in flight; it may have been applied",
                          true,
                          null));
            }
          });
      inFlight.values().removeIf(target -> !m.leader().equals(Optional.of(target)));
      leader = m.leader();
      leaderRef = Optional.empty();
      leader
          .filter(l -> !l.equals(nodeId))
          .ifPresent(
              l ->
                  getContext()
                      .getSystem()
                      .receptionist()
                      .tell(
                          Receptionist.subscribe(
                              key(l),
                              getContext()
                                  .messageAdapter(Receptionist.Listing.class, LeaderListed::new))));
    }
    return this;
  }

  private Behavior<Command> onLeaderListed(LeaderListed m) {
    if (leader.isPresent() && m.listing().isForKey(key(leader.get()))) {
      leaderRef = m.listing().getServiceInstances(key(leader.get())).stream().findFirst();
    }
    return this;
  }

  private Behavior<Command> same(Runnable r) {
    r.run();
    return this;
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
