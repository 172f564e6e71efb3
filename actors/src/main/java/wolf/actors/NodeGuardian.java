package wolf.actors;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import wolf.actors.cluster.Addresses;
import wolf.actors.cluster.HandOver;
import wolf.actors.cluster.Leadership;
import wolf.actors.discovery.BeaconChannel;
import wolf.actors.discovery.Discovery;

/**
 * The node's root actor: starts {@link Leadership} and, when enabled, {@link Discovery}, and starts
 * joining. If Leadership stops (a bug), the node leaves the cluster and shuts down rather than run
 * without a leader view.
 *
 * <p>Joining: with {@code bootstrap}, {@code joinSeedNodes(self, seeds...)}: Pekko asks the other
 * seeds first and forms a new cluster with this node only if none answers within its seed-node
 * timeout (at once when there are no other seeds). With seeds only, {@code joinSeedNodes(seeds)},
 * which Pekko retries until one answers. With neither, discovery decides (see {@code JoinRule}).
 */
final class NodeGuardian {

  /** The guardian's children, handed to {@link WolfNode} once spawned. */
  record Children(
      ActorRef<Leadership.Command> leadership, Optional<ActorRef<Discovery.Command>> discovery) {}

  private NodeGuardian() {}

  static Behavior<Void> create(
      KernelSettings settings,
      Optional<BeaconChannel> discoveryChannel,
      HandOver handOver,
      CompletableFuture<Children> started) {
    return Behaviors.setup(
        ctx -> {
          ctx.setLoggerName(NodeGuardian.class);
          ActorRef<Leadership.Command> leadership =
              ctx.spawn(
                  Leadership.create(
                      settings.nodeId(),
                      settings.role(),
                      settings.startCaughtUp(),
                      settings.heartbeatInterval(),
                      handOver),
                  "leadership");
          ctx.watch(leadership);
          boolean staticJoin = settings.bootstrap() || !settings.seeds().isEmpty();
          if (staticJoin) {
            joinStatic(ctx, settings);
          }
          Optional<ActorRef<Discovery.Command>> discovery =
              discoveryChannel.map(
                  channel ->
                      ctx.spawn(
                          Discovery.create(
                              settings.clusterName(),
                              settings.nodeId(),
                              settings.discovery().interval(),
                              !staticJoin,
                              channel),
                          "discovery"));
          discovery.ifPresent(ctx::watch);
          if (!staticJoin && discovery.isEmpty()) {
            ctx.getLog()
                .warn(
                    "{}: no seeds, no bootstrap and discovery off: waiting to be joined",
                    settings.nodeId());
          }
          started.complete(new Children(leadership, discovery));
          return Behaviors.receive(Void.class)
              .onSignal(Terminated.class, t -> onChildStopped(ctx, settings, leadership, t))
              .build();
        });
  }

  private static void joinStatic(ActorContext<Void> ctx, KernelSettings settings) {
    Cluster cluster = Cluster.get(ctx.getSystem());
    Address self = cluster.selfMember().address();
    List<Address> seeds = new ArrayList<>();
    if (settings.bootstrap()) {
      seeds.add(self);
    }
    for (String seed : settings.seeds()) {
      Address address = Addresses.parse(settings.clusterName(), seed);
      if (!address.equals(self)) {
        seeds.add(address);
      }
    }
    if (seeds.isEmpty()) {
      ctx.getLog()
          .warn(
              "{}: the only seed is this node and bootstrap is off: waiting to be joined",
              settings.nodeId());
      return;
    }
    if (settings.bootstrap()) {
      ctx.getLog()
          .info(
              "{}: bootstrap: joining seed nodes {} (forms a new cluster if no other answers)",
              settings.nodeId(),
              seeds);
    } else {
      ctx.getLog().info("{}: joining seed nodes {}", settings.nodeId(), seeds);
    }
    cluster.manager().tell(new JoinSeedNodes(seeds));
  }

  private static Behavior<Void> onChildStopped(
      ActorContext<Void> ctx,
      KernelSettings settings,
      ActorRef<Leadership.Command> leadership,
      Terminated signal) {
    if (signal.getRef().equals(leadership)) {
      ctx.getLog()
          .error("{}: leadership stopped unexpectedly; shutting the node down", settings.nodeId());
      CoordinatedShutdown.get(ctx.getSystem()).runAll(CoordinatedShutdown.unknownReason());
    } else {
      ctx.getLog().error("{}: discovery stopped unexpectedly; no more beacons", settings.nodeId());
    }
    return Behaviors.same();
  }
}
