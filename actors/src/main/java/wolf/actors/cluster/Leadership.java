package wolf.actors.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Leave;
import wolf.actors.CborSerializable;

/**
 * Computes this node's view of the Wolf leader (see {@link MemberTable} for the rule and {@link
 * Terms} for terms) and publishes every change as {@link LeaderChanged}. Pekko's own cluster leader
 * is never used.
 *
 * <p>Each node's Leadership registers with the Receptionist and sends {@link PeerStatus} (node id,
 * caught-up flag, leader view, term) to the others when something changes and every heartbeat
 * interval. A planned move to a lower-id node that became eligible goes through {@link HandOver}; a
 * move away from a failed or departed leader is immediate. A node that finds an older, reachable
 * member with its own node id logs an error and leaves the cluster.
 */
public final class Leadership extends AbstractBehavior<Leadership.Command> {

  /** Registered by every node's Leadership. */
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "wolf-leadership");

  public interface Command {}

  /** Sends {@code subscriber} the current view at once, then every change. */
  public record Subscribe(ActorRef<LeaderChanged> subscriber) implements Command {}

  public record Unsubscribe(ActorRef<LeaderChanged> subscriber) implements Command {}

  /** Whether this node is caught up, i.e. eligible to lead. */
  public record SetCaughtUp(boolean caughtUp) implements Command {}

  public record GetStatus(ActorRef<NodeStatus> replyTo) implements Command {}

  /** What one node's Leadership tells the others; cross-node, sent by Leadership actors only. */
  public record PeerStatus(
      ActorRef<Command> from,
      String nodeId,
      long uid,
      boolean caughtUp,
      long term,
      Optional<String> leader)
      implements Command, CborSerializable {}

  private record MemberChanged(ClusterEvent.MemberEvent event) implements Command {}

  private record ReachabilityChanged(ClusterEvent.ReachabilityEvent event) implements Command {}

  private record PeersListed(Receptionist.Listing listing) implements Command {}

  private record HandOverPrepared(String to, Throwable failure) implements Command {}

  private record SubscriberTerminated(ActorRef<LeaderChanged> subscriber) implements Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  /**
   * @param nodeId this node's id
   * @param role the tool role eligible members carry
   * @param caughtUp whether this node starts caught up
   * @param statusInterval how often status is re-sent to peers (the heartbeat interval)
   */
  public static Behavior<Command> create(
      String nodeId, String role, boolean caughtUp, Duration statusInterval, HandOver handOver) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, statusInterval);
                  return new Leadership(ctx, nodeId, role, caughtUp, handOver);
                }));
  }

  private final String nodeId;
  private final Cluster cluster;
  private final UniqueAddress selfAddress;
  private final HandOver handOver;
  private final MemberTable table;
  private final Terms terms = new Terms();
  private final Map<Address, ActorRef<Command>> peers = new HashMap<>();
  private final Set<ActorRef<LeaderChanged>> subscribers = new HashSet<>();
  private final HandOverGate handOverGate = new HandOverGate();
  private Optional<String> leader = Optional.empty();
  private Optional<String> previous = Optional.empty();
  private boolean leaving;

  private Leadership(
      ActorContext<Command> ctx, String nodeId, String role, boolean caughtUp, HandOver handOver) {
    super(ctx);
    // Pekko guesses the logger from the stack at first use, which may be inside Pekko itself.
    ctx.setLoggerName(Leadership.class);
    this.nodeId = nodeId;
    this.handOver = handOver;
    this.cluster = Cluster.get(ctx.getSystem());
    this.selfAddress = cluster.selfMember().uniqueAddress();
    this.table = new MemberTable(selfAddress, role, caughtUp);
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
                ctx.messageAdapter(ClusterEvent.ReachabilityEvent.class, ReachabilityChanged::new),
                ClusterEvent.ReachabilityEvent.class));
    ActorRef<Receptionist.Listing> listings =
        ctx.messageAdapter(Receptionist.Listing.class, PeersListed::new);
    ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
    ctx.getSystem().receptionist().tell(Receptionist.subscribe(KEY, listings));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(Unsubscribe.class, this::onUnsubscribe)
        .onMessage(SetCaughtUp.class, this::onSetCaughtUp)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(PeerStatus.class, this::onPeerStatus)
        .onMessage(MemberChanged.class, this::onMemberChanged)
        .onMessage(ReachabilityChanged.class, this::onReachabilityChanged)
        .onMessage(PeersListed.class, this::onPeersListed)
        .onMessage(HandOverPrepared.class, this::onHandOverPrepared)
        .onMessage(SubscriberTerminated.class, this::onSubscriberTerminated)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .build();
  }

  private Behavior<Command> onSubscribe(Subscribe msg) {
    if (subscribers.add(msg.subscriber())) {
      getContext().watchWith(msg.subscriber(), new SubscriberTerminated(msg.subscriber()));
    }
    msg.subscriber().tell(new LeaderChanged(leader, terms.current(), previous));
    return this;
  }

  private Behavior<Command> onUnsubscribe(Unsubscribe msg) {
    if (subscribers.remove(msg.subscriber())) {
      getContext().unwatch(msg.subscriber());
    }
    return this;
  }

  private Behavior<Command> onSubscriberTerminated(SubscriberTerminated msg) {
    subscribers.remove(msg.subscriber());
    return this;
  }

  private Behavior<Command> onSetCaughtUp(SetCaughtUp msg) {
    if (msg.caughtUp() != table.selfCaughtUp()) {
      getContext().getLog().info("{}: caught up = {}", nodeId, msg.caughtUp());
      table.selfCaughtUp(msg.caughtUp());
      recompute();
      broadcast();
    }
    return this;
  }

  private Behavior<Command> onGetStatus(GetStatus msg) {
    boolean joined = table.selfUp();
    String role =
        !joined || leader.isEmpty()
            ? "joining"
            : leader.get().equals(nodeId) ? "leader" : "follower";
    msg.replyTo()
        .tell(
            new NodeStatus(
                nodeId,
                selfAddress.address().system(),
                Addresses.hostPort(selfAddress.address()),
                role,
                leader,
                terms.current(),
                joined,
                table.selfCaughtUp(),
                table.describe(leader)));
    return this;
  }

  private Behavior<Command> onPeerStatus(PeerStatus msg) {
    Address from = msg.from().path().address();
    if (!msg.from().equals(peers.get(from))) {
      // Learnt before the Receptionist told us: answer so the peer learns about us as fast.
      peers.put(from, msg.from());
      msg.from().tell(status());
    }
    table.report(
        new UniqueAddress(from, msg.uid()),
        new MemberTable.Report(msg.nodeId(), msg.caughtUp(), msg.term(), msg.leader()));
    terms.seen(msg.term());
    checkDuplicateId();
    recompute();
    if (msg.leader().equals(leader) && terms.adopt(msg.term())) {
      getContext().getLog().debug("{}: adopted term {} from {}", nodeId, msg.term(), msg.nodeId());
      publish();
      broadcast();
    }
    return this;
  }

  private Behavior<Command> onMemberChanged(MemberChanged msg) {
    Member member = msg.event().member();
    table.update(member);
    if (msg.event() instanceof ClusterEvent.MemberRemoved) {
      peers.remove(member.address());
    }
    checkDuplicateId();
    recompute();
    return this;
  }

  private Behavior<Command> onReachabilityChanged(ReachabilityChanged msg) {
    boolean reachable = msg.event() instanceof ClusterEvent.ReachableMember;
    table.reachability(msg.event().member(), reachable);
    recompute();
    return this;
  }

  private Behavior<Command> onPeersListed(PeersListed msg) {
    boolean added = false;
    for (ActorRef<Command> ref : msg.listing().getServiceInstances(KEY)) {
      Address address = ref.path().address();
      if (!ref.equals(getContext().getSelf()) && !ref.equals(peers.put(address, ref))) {
        added = true;
      }
    }
    if (added) {
      broadcast();
    }
    return this;
  }

  private Behavior<Command> onTick() {
    table.tick();
    recompute();
    broadcast();
    return this;
  }

  private Behavior<Command> onHandOverPrepared(HandOverPrepared msg) {
    if (handOverGate.prepared(msg.to())) {
      if (msg.failure() != null) {
        getContext()
            .getLog()
            .warn(
                "{}: preparing the hand-over to {} failed; handing over anyway",
                nodeId,
                msg.to(),
                msg.failure());
      }
      recompute();
    }
    return this;
  }

  /** Applies the leader rule; publishes and announces a change, or starts a hand-over. */
  private void recompute() {
    Optional<String> candidate = table.candidate();
    if (candidate.equals(leader)) {
      handOverGate.reset();
      return;
    }
    if (!table.settled(candidate)) {
      return;
    }
    // Planned: the current leader is still live and eligible, a lower id just became eligible.
    boolean handOver =
        leader.isPresent() && candidate.isPresent() && table.eligible().contains(leader.get());
    if (handOver) {
      switch (handOverGate.offer(candidate.get())) {
        case START -> {
          startHandOver(leader.get(), candidate.get());
          return;
        }
        case WAIT -> {
          return;
        }
        case PROCEED -> {}
      }
    }
    handOverGate.reset();
    previous = leader;
    leader = candidate;
    long term = terms.leaderChanged(table.announcedTerm(candidate));
    if (handOver) {
      getContext()
          .getLog()
          .info(
              "{}: hand-over from {} to {} (term {})", nodeId, previous.get(), leader.get(), term);
    } else {
      getContext()
          .getLog()
          .info(
              "{}: leader is now {} (term {}, was {})",
              nodeId,
              describe(leader),
              term,
              describe(previous));
    }
    publish();
    broadcast();
  }

  private void startHandOver(String from, String to) {
    getContext().getLog().info("{}: preparing to hand leadership from {} to {}", nodeId, from, to);
    CompletionStage<Done> prepared;
    try {
      prepared = handOver.prepare(nodeId, from, to);
    } catch (RuntimeException e) {
      prepared = CompletableFuture.failedFuture(e);
    }
    getContext().pipeToSelf(prepared, (done, failure) -> new HandOverPrepared(to, failure));
  }

  private void checkDuplicateId() {
    if (leaving) {
      return;
    }
    table
        .olderDuplicate(nodeId)
        .ifPresent(
            older -> {
              leaving = true;
              getContext()
                  .getLog()
                  .error(
                      "{}: node id {} is already used by older member {}; leaving the cluster",
                      nodeId,
                      nodeId,
                      older);
              cluster.manager().tell(Leave.create(selfAddress.address()));
            });
  }

  private void publish() {
    LeaderChanged event = new LeaderChanged(leader, terms.current(), previous);
    subscribers.forEach(s -> s.tell(event));
  }

  private void broadcast() {
    PeerStatus status = status();
    peers.forEach(
        (address, ref) -> {
          // Not to removed or unreachable members: the message could not arrive anyway.
          if (table.isReachableMember(address)) {
            ref.tell(status);
          }
        });
  }

  private PeerStatus status() {
    return new PeerStatus(
        getContext().getSelf(),
        nodeId,
        selfAddress.longUid(),
        table.selfCaughtUp(),
        terms.current(),
        leader);
  }

  private static String describe(Optional<String> id) {
    return id.orElse("none");
  }
}
