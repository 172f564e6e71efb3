package wolf.actors.replication;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.stream.Materializer;
import wolf.actors.cluster.LeaderChanged;
import wolf.actors.replication.Protocol.Ack;
import wolf.actors.replication.Protocol.AwaitDrained;
import wolf.actors.replication.Protocol.Drained;
import wolf.actors.replication.Protocol.Prepare;
import wolf.actors.replication.Protocol.Promised;
import wolf.actors.replication.Protocol.Refused;
import wolf.actors.replication.Protocol.Subscribe;
import wolf.actors.replication.Protocol.SubscribeRefused;
import wolf.actors.replication.Protocol.Subscribed;
import wolf.actors.wal.Wal;

/**
 * One node's part of the replicated log: it follows the leader's log, or — when the kernel's {@code
 * Leadership} names this node — establishes a term (promises from a majority, the most complete log
 * among them, a committed barrier record) and then leads: appends locally, serves a stream to every
 * follower and counts acknowledgements into the commit LSN. The protocol is in {@link Protocol};
 * the serving and following halves in {@link Serving} and {@link Following}.
 *
 * <p>Safety rests on three rules: a node promises each term to one candidate only (persisted in
 * {@link PromiseStore}); a candidate leads only with a majority of promises and after copying the
 * most complete log among them; a follower never acknowledges records to a leader of a term lower
 * than it has promised. So a record acknowledged by a majority is in every later leader's log, and
 * in {@code quorum} and {@code all} modes no committed record is ever lost or truncated.
 *
 * <p>File I/O runs on the WAL's own threads or a blocking executor and comes back through messages;
 * the actor never blocks.
 */
public final class Replicator extends AbstractBehavior<Replicator.Command> {

  /** Every node's replicator registers under this key. */
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "wolf-replicator");

  public interface Command {}

  // ---- the local API (from ReplicatedLogImpl and the kernel's HandOver) ----

  record AppendRequest(List<byte[]> payloads, CompletableFuture<Long> result) implements Command {}

  record ResetRequest(long lastLsn, long lastTerm, CompletableFuture<Done> result)
      implements Command {}

  record Applied(long lsn) implements Command {}

  record ApplyFailed(long lsn, String error) implements Command {}

  record AddListener(long id, Consumer<Role> listener) implements Command {}

  record RemoveListener(long id) implements Command {}

  /**
   * This node's status, or with {@code fromLeader} the leader's (asked over the network, falling
   * back to this node's own after a second).
   */
  record GetStatus(CompletableFuture<ReplicationStatus> result, boolean fromLeader)
      implements Command {}

  record HandOverRequest(String from, String to, CompletableFuture<Done> result)
      implements Command {}

  // ---- internal ----

  record LeaderViewChanged(LeaderChanged event) implements Command {}

  private record MemberChanged(ClusterEvent.MemberEvent event) implements Command {}

  private record Listed(Receptionist.Listing listing) implements Command {}

  private record BecameUp(SelfUp up) implements Command {}

  /** A promise is on disk; then {@code then} is handled. */
  record PromiseSaved(PromiseStore.Promise promise, Command then, Throwable failure)
      implements Command {}

  /** This node's own promise as candidate is on disk. */
  record SelfPromised(long term) implements Command {}

  record ReplyPromised(long term, ActorRef<Command> to) implements Command {}

  enum Tick implements Command {
    INSTANCE
  }

  /** What the replicator is doing. */
  enum Mode {
    FOLLOWING,
    CANDIDATE,
    LEADING
  }

  /** What the replicator was given at start; the rest is its own state. */
  record Context(
      String nodeId,
      String role,
      Wal wal,
      ReplicationSettings settings,
      CommitWatch watch,
      PromiseStore promises,
      Executor blocking,
      Consumer<Boolean> caughtUp) {}

  static Behavior<Command> create(Context c, PromiseStore.Promise promise, Epochs epochs) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, c.settings().retryInterval());
                  return new Replicator(ctx, c, promise, epochs);
                }));
  }

  final ActorContext<Command> ctx;
  final Context c;
  final String self;
  final Wal wal;
  final Materializer mat;
  final Membership members;
  final Serving serving;
  final Following following;
  private final Map<Long, Consumer<Role>> listeners = new HashMap<>();

  private record PendingStatus(CompletableFuture<ReplicationStatus> result, long deadlineNanos) {}

  private final Map<Long, PendingStatus> pendingStatus = new HashMap<>();
  private long statusQueries;
  private Role lastRole;

  Mode mode = Mode.FOLLOWING;
  PromiseStore.Promise promise;
  Epochs epochs;
  Optional<String> leaderView = Optional.empty();
  long leadershipTerm;
  long highestTermSeen;
  long applied;
  Optional<String> applyError = Optional.empty();
  boolean caughtUp;
  private long upSinceNanos = -1;
  private CompletableFuture<Void> saving = CompletableFuture.completedFuture(null);

  // candidate
  long candidateTerm;
  final Map<String, Epochs> promisesFrom = new HashMap<>();
  private int ticksSincePrepare;

  // leader
  LeaderState lead;

  private Replicator(
      ActorContext<Command> ctx, Context c, PromiseStore.Promise promise, Epochs epochs) {
    super(ctx);
    ctx.setLoggerName(Replicator.class);
    this.ctx = ctx;
    this.c = c;
    this.self = c.nodeId();
    this.wal = c.wal();
    this.mat = Materializer.matFromSystem(ctx.getSystem());
    this.promise = promise;
    this.epochs = epochs;
    this.highestTermSeen = Math.max(promise.term(), epochs.lastTerm());
    Cluster cluster = Cluster.get(ctx.getSystem());
    this.members = new Membership(c.role(), cluster.selfMember().address());
    this.serving = new Serving(this);
    this.following = new Following(this);
    cluster
        .subscriptions()
        .tell(
            org.apache.pekko.cluster.typed.Subscribe.create(
                ctx.messageAdapter(ClusterEvent.MemberEvent.class, MemberChanged::new),
                ClusterEvent.MemberEvent.class));
    cluster
        .subscriptions()
        .tell(
            org.apache.pekko.cluster.typed.Subscribe.create(
                ctx.messageAdapter(SelfUp.class, BecameUp::new), SelfUp.class));
    ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
    ctx.getSystem()
        .receptionist()
        .tell(
            Receptionist.subscribe(
                KEY, ctx.messageAdapter(Receptionist.Listing.class, Listed::new)));
    reportCaughtUp(false);
    ctx.getLog()
        .info(
            "{}: replicated log at LSN {} (term {}), promised term {}{}",
            self,
            epochs.lastLsn(),
            epochs.lastTerm(),
            promise.term(),
            promise.leader().isEmpty() ? "" : " to " + promise.leader());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(AppendRequest.class, serving::onAppend)
        .onMessage(Serving.LocalAppended.class, serving::onLocalAppended)
        .onMessage(Serving.BarrierAppended.class, serving::onBarrierAppended)
        .onMessage(Subscribe.class, serving::onSubscribe)
        .onMessage(Ack.class, serving::onAck)
        .onMessage(HandOverRequest.class, serving::onHandOver)
        .onMessage(AwaitDrained.class, serving::onAwaitDrained)
        .onMessage(Drained.class, serving::onDrained)
        .onMessage(Prepare.class, this::onPrepare)
        .onMessage(Promised.class, this::onPromised)
        .onMessage(Refused.class, this::onRefused)
        .onMessage(SelfPromised.class, this::onSelfPromised)
        .onMessage(ReplyPromised.class, this::onReplyPromised)
        .onMessage(PromiseSaved.class, this::onPromiseSaved)
        .onMessage(Subscribed.class, following::onSubscribed)
        .onMessage(SubscribeRefused.class, following::onRefused)
        .onMessage(Following.Truncated.class, following::onTruncated)
        .onMessage(Following.FrameLanded.class, following::onFrameLanded)
        .onMessage(Following.LinkEnded.class, following::onLinkEnded)
        .onMessage(ResetRequest.class, following::onReset)
        .onMessage(Following.ResetDone.class, following::onResetDone)
        .onMessage(LeaderViewChanged.class, this::onLeaderView)
        .onMessage(MemberChanged.class, this::onMemberChanged)
        .onMessage(Listed.class, this::onListed)
        .onMessage(BecameUp.class, this::onUp)
        .onMessage(Applied.class, this::onApplied)
        .onMessage(ApplyFailed.class, this::onApplyFailed)
        .onMessage(AddListener.class, this::onAddListener)
        .onMessage(RemoveListener.class, m -> same(() -> listeners.remove(m.id())))
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(Protocol.StatusQuery.class, this::onStatusQuery)
        .onMessage(Protocol.StatusAnswer.class, this::onStatusAnswer)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  // ---- leadership view and membership ----

  private Behavior<Command> onLeaderView(LeaderViewChanged m) {
    Optional<String> was = leaderView;
    leaderView = m.event().leader();
    leadershipTerm = m.event().term();
    if (leaderView.equals(was)) {
      return this;
    }
    if (leaderView.isPresent() && leaderView.get().equals(self)) {
      if (mode == Mode.FOLLOWING) {
        following.stopThen(this::startCandidacy);
      }
    } else {
      if (mode == Mode.CANDIDATE) {
        ctx.getLog().info("{}: no longer a candidate: leadership names {}", self, describe());
        mode = Mode.FOLLOWING;
      } else if (mode == Mode.LEADING) {
        stepDown("leadership now names " + describe());
      }
      leaderView.ifPresent(following::follow);
    }
    notifyRole();
    return this;
  }

  private Behavior<Command> onMemberChanged(MemberChanged m) {
    members.update(m.event());
    if (m.event() instanceof ClusterEvent.MemberRemoved removed && lead != null) {
      wolf.actors.cluster.NodeIds.of(removed.member())
          .ifPresent(
              id -> {
                LeaderState.Follower f = lead.followers.remove(id);
                if (f != null) {
                  f.stopStream();
                }
                wal.forget(id);
              });
      serving.recomputeCommit();
    }
    if (mode == Mode.CANDIDATE) {
      checkPromises();
    }
    return this;
  }

  private Behavior<Command> onListed(Listed m) {
    members.listed(m.listing().getServiceInstances(KEY));
    return this;
  }

  private Behavior<Command> onUp(BecameUp m) {
    upSinceNanos = System.nanoTime();
    return this;
  }

  // ---- promises: candidate side ----

  /** Stands for a new term, if Leadership names this node and it is following. */
  void startCandidacyIfLeader() {
    startCandidacy();
  }

  private void startCandidacy() {
    if (leaderView.isEmpty() || !leaderView.get().equals(self) || mode != Mode.FOLLOWING) {
      return;
    }
    long term =
        Math.max(
            leadershipTerm,
            Math.max(highestTermSeen, Math.max(promise.term(), epochs.lastTerm())) + 1);
    mode = Mode.CANDIDATE;
    candidateTerm = term;
    highestTermSeen = term;
    promisesFrom.clear();
    ticksSincePrepare = 0;
    ctx.getLog().info("{}: standing for term {} (log at LSN {})", self, term, epochs.lastLsn());
    savePromise(new PromiseStore.Promise(term, self), new SelfPromised(term));
    sendPrepares();
    notifyRole();
  }

  private void sendPrepares() {
    for (var e : members.others(self)) {
      if (!promisesFrom.containsKey(e.getKey())) {
        e.getValue().tell(new Prepare(candidateTerm, self, ctx.getSelf()));
      }
    }
  }

  private Behavior<Command> onSelfPromised(SelfPromised m) {
    if (mode == Mode.CANDIDATE && m.term() == candidateTerm) {
      promisesFrom.put(self, epochs);
      checkPromises();
    }
    return this;
  }

  private Behavior<Command> onPromised(Promised m) {
    if (mode == Mode.CANDIDATE && m.term() == candidateTerm) {
      promisesFrom.put(m.nodeId(), m.epochs());
      checkPromises();
    }
    return this;
  }

  private Behavior<Command> onRefused(Refused m) {
    highestTermSeen = Math.max(highestTermSeen, m.promisedTerm());
    if (mode == Mode.CANDIDATE && m.term() == candidateTerm) {
      ctx.getLog()
          .info(
              "{}: {} had promised term {}; standing again with a higher term",
              self,
              m.nodeId(),
              m.promisedTerm());
      mode = Mode.FOLLOWING;
      startCandidacy();
    }
    return this;
  }

  /** With a majority of promises: copy the most complete log if it is not ours, then establish. */
  void checkPromises() {
    if (mode != Mode.CANDIDATE
        || following.busy()
        || !promisesFrom.containsKey(self)
        || promisesFrom.size()
            < Quorum.majority(Math.max(c.settings().expectedMembers(), members.size()))) {
      return;
    }
    Map.Entry<String, Epochs> best = null;
    for (var e : promisesFrom.entrySet()) {
      if (best == null || ahead(e.getValue(), best.getValue())) {
        best = e;
      }
    }
    if (best != null && ahead(best.getValue(), epochs) && members.ref(best.getKey()).isEmpty()) {
      // Gone from the cluster: a majority without it still holds every committed record.
      promisesFrom.remove(best.getKey());
      checkPromises();
      return;
    }
    if (best != null && ahead(best.getValue(), epochs)) {
      ctx.getLog()
          .info(
              "{}: {} holds a more complete log (LSN {}, term {}); copying it first",
              self,
              best.getKey(),
              best.getValue().lastLsn(),
              best.getValue().lastTerm());
      following.fetch(best.getKey(), candidateTerm, best.getValue().lastLsn());
      return;
    }
    serving.establish(candidateTerm);
  }

  /** Raft's "more up to date": a later last term, or the same term and a longer log. */
  static boolean ahead(Epochs a, Epochs b) {
    return a.lastTerm() != b.lastTerm() ? a.lastTerm() > b.lastTerm() : a.lastLsn() > b.lastLsn();
  }

  // ---- promises: member side ----

  private Behavior<Command> onPrepare(Prepare m) {
    highestTermSeen = Math.max(highestTermSeen, m.term());
    boolean repeat = m.term() == promise.term() && m.leader().equals(promise.leader());
    if (m.term() <= promise.term() && !repeat) {
      m.replyTo().tell(new Refused(m.term(), self, promise.term()));
      return this;
    }
    if (!m.leader().equals(self)) {
      if (mode == Mode.LEADING) {
        stepDown(m.leader() + " stands for term " + m.term());
      } else if (mode == Mode.CANDIDATE) {
        mode = Mode.FOLLOWING;
      }
      following.follow(m.leader());
    }
    savePromise(
        new PromiseStore.Promise(m.term(), m.leader()), new ReplyPromised(m.term(), m.replyTo()));
    notifyRole();
    return this;
  }

  private Behavior<Command> onReplyPromised(ReplyPromised m) {
    if (promise.term() == m.term()) {
      m.to().tell(new Promised(m.term(), self, epochs));
    }
    return this;
  }

  /**
   * Takes the promise at once (a second candidate for the same term is refused from now on) and
   * handles {@code then} once it is on disk.
   */
  void savePromise(PromiseStore.Promise p, Command then) {
    promise = p;
    highestTermSeen = Math.max(highestTermSeen, p.term());
    ActorRef<Command> me = ctx.getSelf();
    saving =
        saving
            .handle((x, e) -> null)
            .thenRunAsync(
                () -> {
                  try {
                    c.promises().save(p);
                    me.tell(new PromiseSaved(p, then, null));
                  } catch (Exception e) {
                    me.tell(new PromiseSaved(p, then, e));
                  }
                },
                c.blocking());
  }

  private Behavior<Command> onPromiseSaved(PromiseSaved m) {
    if (m.failure() != null) {
      ctx.getLog()
          .error(
              "{}: cannot persist the promise of term {}", self, m.promise().term(), m.failure());
      return this;
    }
    ctx.getSelf().tell(m.then());
    return this;
  }

  // ---- leading ----

  /** Stops leading (or establishing): fails what is waiting, stops the streams, follows. */
  void stepDown(String why) {
    if (lead == null) {
      mode = Mode.FOLLOWING;
      return;
    }
    ctx.getLog().info("{}: stepping down from term {}: {}", self, lead.term, why);
    lead.stopStreams();
    ReplicationException unknown =
        new ReplicationException(
            self
                + " lost leadership of term "
                + lead.term
                + " before the commit ("
                + why
                + "); the outcome is unknown");
    lead.waiting.values().forEach(w -> w.result().completeExceptionally(unknown));
    lead.waiting.clear();
    // Their LSNs are not known yet: the WAL still answers, but to a leader that is gone.
    lead.appending.forEach(f -> f.completeExceptionally(unknown));
    if (lead.drained != null) {
      lead.drained.complete(Done.getInstance());
    }
    lead = null;
    mode = Mode.FOLLOWING;
  }

  // ---- the state machine's reports ----

  private Behavior<Command> onApplied(Applied m) {
    if (m.lsn() > applied) {
      applied = m.lsn();
      wal.applied(self, applied);
      following.ackSoon();
    }
    return this;
  }

  private Behavior<Command> onApplyFailed(ApplyFailed m) {
    applyError = Optional.of("LSN " + m.lsn() + ": " + m.error());
    ctx.getLog().error("{}: the state machine stopped at LSN {}: {}", self, m.lsn(), m.error());
    reportCaughtUp(false);
    following.ackSoon();
    return this;
  }

  private Behavior<Command> onGetStatus(GetStatus m) {
    Optional<ActorRef<Command>> leaderRef =
        m.fromLeader() && mode != Mode.LEADING
            ? following.leader().flatMap(members::ref)
            : Optional.empty();
    if (leaderRef.isEmpty()) {
      m.result().complete(Status.of(this));
      return this;
    }
    long id = ++statusQueries;
    pendingStatus.put(id, new PendingStatus(m.result(), System.nanoTime() + 1_000_000_000L));
    leaderRef.get().tell(new Protocol.StatusQuery(id, ctx.getSelf()));
    return this;
  }

  private Behavior<Command> onStatusQuery(Protocol.StatusQuery m) {
    m.replyTo().tell(new Protocol.StatusAnswer(m.id(), Status.of(this)));
    return this;
  }

  private Behavior<Command> onStatusAnswer(Protocol.StatusAnswer m) {
    PendingStatus p = pendingStatus.remove(m.id());
    if (p != null) {
      p.result().complete(m.status());
    }
    return this;
  }

  private void expireStatusQueries() {
    long now = System.nanoTime();
    pendingStatus
        .values()
        .removeIf(
            p -> {
              if (now - p.deadlineNanos() > 0) {
                p.result().complete(Status.of(this));
                return true;
              }
              return false;
            });
  }

  private Behavior<Command> onAddListener(AddListener m) {
    listeners.put(m.id(), m.listener());
    m.listener().accept(role());
    return this;
  }

  private Behavior<Command> onTick() {
    following.checkStale();
    switch (mode) {
      case CANDIDATE -> {
        if (++ticksSincePrepare % 5 == 0) {
          sendPrepares();
        }
        checkPromises();
      }
      case LEADING -> serving.onTick();
      case FOLLOWING -> {
        if (leaderView.isPresent() && leaderView.get().equals(self)) {
          // Named leader but not leading (stepped down, refused): stand again.
          following.stopThen(this::startCandidacy);
        } else {
          following.onTick();
        }
      }
    }
    following.flushAck();
    expireStatusQueries();
    if (!caughtUp
        && mode == Mode.FOLLOWING
        && leaderView.isEmpty()
        && upSinceNanos >= 0
        && System.nanoTime() - upSinceNanos > c.settings().bootstrapGrace().toNanos()
        && applyError.isEmpty()
        && !following.needsSnapshot()) {
      ctx.getLog()
          .info(
              "{}: no leader after {} ms; eligible to lead (log at LSN {})",
              self,
              c.settings().bootstrapGrace().toMillis(),
              epochs.lastLsn());
      reportCaughtUp(true);
    }
    return this;
  }

  void reportCaughtUp(boolean value) {
    if (value != caughtUp || lastRole == null) {
      caughtUp = value;
      c.caughtUp().accept(value);
    }
  }

  // ---- roles ----

  Role role() {
    return switch (mode) {
      case FOLLOWING -> new Role.Following(following.leader(), promise.term());
      case CANDIDATE -> new Role.Following(Optional.empty(), candidateTerm);
      case LEADING -> {
        if (!lead.established) {
          yield new Role.Following(Optional.empty(), lead.term);
        } else if (lead.drainingTo != null) {
          yield new Role.Draining(lead.term, lead.drainingTo);
        } else {
          yield new Role.Leading(lead.term, lead.barrierLsn);
        }
      }
    };
  }

  void notifyRole() {
    Role r = role();
    if (!r.equals(lastRole)) {
      lastRole = r;
      ctx.getLog().debug("{}: role {}", self, r);
      for (Consumer<Role> l : listeners.values()) {
        try {
          l.accept(r);
        } catch (RuntimeException e) {
          ctx.getLog().warn("{}: a role listener failed", self, e);
        }
      }
    }
  }

  String describe() {
    return leaderView.orElse("no leader");
  }

  private Behavior<Command> onStop() {
    if (lead != null) {
      stepDown("the node is stopping");
    }
    mode = Mode.FOLLOWING;
    leaderView = Optional.empty();
    notifyRole();
    following.stop();
    return this;
  }

  private Behavior<Command> same(Runnable r) {
    r.run();
    return this;
  }
}
