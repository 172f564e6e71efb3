package wolf.actors;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.typed.Cluster;
import wolf.actors.cluster.Addresses;
import wolf.actors.cluster.HandOver;
import wolf.actors.cluster.LeaderChanged;
import wolf.actors.cluster.Leadership;
import wolf.actors.cluster.NodeStatus;
import wolf.actors.discovery.BeaconChannel;
import wolf.actors.discovery.Discovery;
import wolf.actors.discovery.DiscoveryStats;
import wolf.actors.discovery.UdpBeaconChannel;

/**
 * One running cluster node: a Pekko ActorSystem in a Pekko Cluster, with leadership and discovery
 * started. Thread-safe; every method may be called from any thread.
 *
 * <p>Do not call {@code system().terminate()} to stop a node: it is configured as a crash (no
 * graceful leave, like {@link #crash()}). Use {@link #shutdown()} or {@link #close()}.
 */
public final class WolfNode implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final KernelSettings settings;
  private final ActorSystem<Void> system;
  private final ActorRef<Leadership.Command> leadership;
  private final Optional<ActorRef<Discovery.Command>> discovery;
  private final AtomicInteger listeners = new AtomicInteger();
  private final AtomicBoolean crashed = new AtomicBoolean();

  private WolfNode(KernelSettings settings, ActorSystem<Void> system, NodeGuardian.Children c) {
    this.settings = settings;
    this.system = system;
    this.leadership = c.leadership();
    this.discovery = c.discovery();
  }

  /** Starts the ActorSystem and begins joining (seeds, bootstrap or discovery). */
  public static WolfNode start(KernelSettings settings) {
    return start(settings, HandOver.immediate());
  }

  /**
   * Starts the node with a hand-over hook (see {@link HandOver}); blocks until the node's actors
   * run.
   *
   * @throws IllegalStateException when the discovery port cannot be bound or start-up fails
   * @throws IllegalArgumentException for settings Pekko rejects (e.g. missing TLS files)
   */
  public static WolfNode start(KernelSettings settings, HandOver handOver) {
    var config = NodeConfig.of(settings);
    Optional<BeaconChannel> channel = Optional.empty();
    if (settings.discovery().enabled()) {
      var d = settings.discovery();
      try {
        channel =
            Optional.of(UdpBeaconChannel.open(settings.nodeId(), d.broadcastHost(), d.port()));
      } catch (IOException e) {
        throw new IllegalStateException(settings.nodeId() + ": discovery: " + e.getMessage(), e);
      }
    }
    CompletableFuture<NodeGuardian.Children> started = new CompletableFuture<>();
    ActorSystem<Void> system;
    try {
      system =
          ActorSystem.create(
              NodeGuardian.create(settings, channel, handOver, started),
              settings.clusterName(),
              config);
    } catch (RuntimeException e) {
      channel.ifPresent(BeaconChannel::close);
      throw e;
    }
    try {
      return new WolfNode(
          settings, system, started.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      system.terminate();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(settings.nodeId() + ": interrupted while starting", e);
    } catch (ExecutionException | TimeoutException e) {
      system.terminate();
      throw new IllegalStateException(settings.nodeId() + ": node actors did not start", e);
    }
  }

  public KernelSettings settings() {
    return settings;
  }

  public ActorSystem<?> system() {
    return system;
  }

  /** The cluster address other nodes reach this one at, {@code host:port} (actual bound port). */
  public String address() {
    return Addresses.hostPort(Cluster.get(system).selfMember().address());
  }

  public CompletionStage<NodeStatus> status(Duration timeout) {
    return AskPattern.ask(leadership, Leadership.GetStatus::new, timeout, system.scheduler());
  }

  /** What discovery has heard; empty when discovery is off. */
  public CompletionStage<Optional<DiscoveryStats>> discoveryStats(Duration timeout) {
    if (discovery.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return AskPattern.<Discovery.Command, DiscoveryStats>ask(
            discovery.get(), Discovery.GetStats::new, timeout, system.scheduler())
        .thenApply(Optional::of);
  }

  /** Reports this node caught up (eligible to lead) or not. */
  public void setCaughtUp(boolean caughtUp) {
    leadership.tell(new Leadership.SetCaughtUp(caughtUp));
  }

  /** Subscribes to leader changes; the current view is sent at once. */
  public void subscribe(ActorRef<LeaderChanged> subscriber) {
    leadership.tell(new Leadership.Subscribe(subscriber));
  }

  /**
   * Calls {@code listener} with the current leader view at once and then with every change, in
   * order, on an actor thread: it must return quickly and never block.
   *
   * @return closing it stops the calls
   */
  public AutoCloseable onLeaderChanged(Consumer<LeaderChanged> listener) {
    ActorRef<LeaderListener.Command> ref =
        system.systemActorOf(
            LeaderListener.create(settings.nodeId(), leadership, listener),
            "leader-listener-" + listeners.incrementAndGet(),
            Props.empty());
    return () -> ref.tell(LeaderListener.Stop.INSTANCE);
  }

  /** Leaves the cluster gracefully and terminates the ActorSystem. Idempotent. */
  public CompletionStage<Done> shutdown() {
    if (crashed.get() || system.getWhenTerminated().toCompletableFuture().isDone()) {
      return system.getWhenTerminated();
    }
    return CoordinatedShutdown.get(system)
        .runAll(CoordinatedShutdown.unknownReason())
        .thenCompose(done -> system.getWhenTerminated());
  }

  /** Terminates at once without leaving, as a crash would (tests, benchmarks). */
  public CompletionStage<Done> crash() {
    crashed.set(true);
    system.terminate();
    return system.getWhenTerminated();
  }

  @Override
  public void close() {
    shutdown().toCompletableFuture().join();
  }
}
