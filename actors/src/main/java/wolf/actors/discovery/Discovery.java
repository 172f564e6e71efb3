package wolf.actors.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import wolf.actors.cluster.Addresses;
import wolf.actors.cluster.NodeIds;

/**
 * UDP discovery: sends a {@link Beacon} every interval, listens to the others', and, when it owns
 * joining, feeds what it heard to Pekko ({@code joinSeedNodes}, or {@code join(self)} to form a
 * cluster) by {@link JoinRule}. Beacons of another cluster name, this node's own and malformed ones
 * are ignored and counted. Socket I/O runs on the {@link BeaconChannel}'s threads; received
 * datagrams come back as messages. Closes the channel when it stops.
 *
 * <p>If a join started by discovery has not made this node a member after {@value
 * #RETRY_AFTER_TICKS} intervals (its seed died, say), it decides again from fresh beacons. A node
 * that was Up and is leaving or was downed falls silent: it can never join again.
 */
public final class Discovery extends AbstractBehavior<Discovery.Command> {

  static final int FORGET_AFTER_TICKS = 5;
  static final int RETRY_AFTER_TICKS = 30;

  public interface Command {}

  public record GetStats(ActorRef<DiscoveryStats> replyTo) implements Command {}

  private record Received(byte[] datagram) implements Command {}

  private record SendFailed(Throwable cause) implements Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  private record Heard(Beacon beacon, int tick) {}

  /**
   * @param ownsJoin whether discovery decides whom to join (no static seeds, no bootstrap); when
   *     false it only announces this node
   */
  public static Behavior<Command> create(
      String clusterName,
      String nodeId,
      Duration interval,
      boolean ownsJoin,
      BeaconChannel channel) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ZERO, interval);
                  ActorRef<Command> self = ctx.getSelf(); // the context is not thread-safe
                  channel.start(datagram -> self.tell(new Received(datagram)));
                  return new Discovery(ctx, clusterName, nodeId, ownsJoin, channel);
                }));
  }

  private final String clusterName;
  private final String nodeId;
  private final boolean ownsJoin;
  private final BeaconChannel channel;
  private final Cluster cluster;
  private final Address selfAddress;
  private final Map<String, Heard> heard = new HashMap<>();
  private Beacon.State state = Beacon.State.SEARCHING;
  private int tick;
  private int searchStart;
  private int joinStarted;
  private long foreignIgnored;
  private long malformed;
  private long sendFailures;

  private Discovery(
      ActorContext<Command> ctx,
      String clusterName,
      String nodeId,
      boolean ownsJoin,
      BeaconChannel channel) {
    super(ctx);
    ctx.setLoggerName(Discovery.class);
    this.clusterName = clusterName;
    this.nodeId = nodeId;
    this.ownsJoin = ownsJoin;
    this.channel = channel;
    this.cluster = Cluster.get(ctx.getSystem());
    this.selfAddress = cluster.selfMember().address();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(Received.class, this::onReceived)
        .onMessage(SendFailed.class, this::onSendFailed)
        .onMessage(GetStats.class, this::onGetStats)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onTick() {
    tick++;
    MemberStatus status = cluster.selfMember().status();
    boolean member = status.equals(MemberStatus.up()) || status.equals(MemberStatus.weaklyUp());
    if (status.equals(MemberStatus.up())) {
      state = Beacon.State.UP;
    } else if (!member && state == Beacon.State.UP) {
      return this; // leaving or downed: the system is about to stop, and it cannot join again
    }
    send();
    heard.values().removeIf(h -> tick - h.tick() > FORGET_AFTER_TICKS);
    if (ownsJoin && !member) {
      if (state == Beacon.State.JOINING && tick - joinStarted > RETRY_AFTER_TICKS) {
        getContext()
            .getLog()
            .info("{}: join via discovery did not succeed, deciding again", nodeId);
        state = Beacon.State.SEARCHING;
        searchStart = tick;
      }
      if (state == Beacon.State.SEARCHING) {
        decide();
      }
    }
    return this;
  }

  private void decide() {
    List<Beacon> fresh = new ArrayList<>();
    heard.values().forEach(h -> fresh.add(h.beacon()));
    JoinRule.Decision decision = JoinRule.decide(nodeId, tick - searchStart, fresh);
    if (decision instanceof JoinRule.Form) {
      getContext()
          .getLog()
          .info(
              "{}: no cluster member heard, lowest id of {} nodes heard (itself included);"
                  + " forming a new cluster",
              nodeId,
              fresh.size() + 1);
      cluster.manager().tell(Join.create(selfAddress));
      state = Beacon.State.FORMING;
    } else if (decision instanceof JoinRule.JoinSeeds join) {
      List<Address> seeds = new ArrayList<>();
      join.seeds().forEach(s -> seeds.add(Addresses.parse(clusterName, s)));
      getContext().getLog().info("{}: joining via discovered seed nodes {}", nodeId, join.seeds());
      cluster.manager().tell(new JoinSeedNodes(seeds));
      state = Beacon.State.JOINING;
      joinStarted = tick;
    }
  }

  private void send() {
    byte[] datagram =
        new Beacon(clusterName, nodeId, Addresses.hostPort(selfAddress), state).encode();
    ActorRef<Command> self = getContext().getSelf();
    channel
        .send(datagram)
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                self.tell(new SendFailed(failure));
              }
            });
  }

  private Behavior<Command> onSendFailed(SendFailed msg) {
    if (sendFailures++ % 100 == 0) {
      getContext()
          .getLog()
          .warn(
              "{}: sending discovery beacon failed ({} so far): {}",
              nodeId,
              sendFailures,
              msg.cause().toString());
    }
    return this;
  }

  private Behavior<Command> onReceived(Received msg) {
    Beacon beacon;
    try {
      beacon = Beacon.decode(msg.datagram());
    } catch (IllegalArgumentException e) {
      malformed++;
      getContext()
          .getLog()
          .debug("{}: ignored malformed beacon ({} so far): {}", nodeId, malformed, e.getMessage());
      return this;
    }
    if (!beacon.clusterName().equals(clusterName)) {
      foreignIgnored++;
      getContext()
          .getLog()
          .debug(
              "{}: ignored beacon of cluster {} from {} at {} ({} so far)",
              nodeId,
              beacon.clusterName(),
              beacon.nodeId(),
              beacon.address(),
              foreignIgnored);
    } else if (!beacon.address().equals(Addresses.hostPort(selfAddress))) {
      heard.put(beacon.nodeId(), new Heard(beacon, tick));
    }
    return this;
  }

  private Behavior<Command> onGetStats(GetStats msg) {
    List<String> nodes = new ArrayList<>(heard.keySet());
    nodes.sort(NodeIds.NATURAL);
    msg.replyTo()
        .tell(new DiscoveryStats(state.name(), nodes, foreignIgnored, malformed, sendFailures));
    return this;
  }

  private Behavior<Command> onPostStop() {
    channel.close();
    return this;
  }
}
