package wolf.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.actors.KernelSettings;
import wolf.actors.WolfNode;
import wolf.config.HostPort;
import wolf.config.WolfScaleConfig;
import wolf.http.ClusterRoutes;
import wolf.http.ManagementServer;

/**
 * A running WolfScale node: the cluster kernel plus the HTTP API. Started by {@code wolfscale
 * start}; stops on SIGTERM/SIGINT by leaving the cluster gracefully.
 */
public final class WolfScaleDaemon {
  private static final Logger log = LoggerFactory.getLogger(WolfScaleDaemon.class);
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);

  private final WolfNode node;
  private final ServerBinding api;

  private WolfScaleDaemon(WolfNode node, ServerBinding api) {
    this.node = node;
    this.api = api;
  }

  /** Starts the node and, when enabled, its HTTP API; fails if the API address is taken. */
  public static WolfScaleDaemon start(WolfScaleConfig config, List<HostPort> seeds, boolean boot)
      throws Exception {
    KernelSettings ks = KernelSettingsFactory.wolfscale(config, seeds, boot);
    WolfNode node = WolfNode.start(ks);
    log.info(
        "{}: cluster '{}' at {}, {} transport",
        ks.nodeId(),
        ks.clusterName(),
        node.address(),
        ks.security().tls() ? "TLS" : "plain TCP");
    ServerBinding api = null;
    try {
      if (config.api().enabled()) {
        var server =
            new ManagementServer(
                node.system(),
                ks.nodeId(),
                List.of(new ClusterRoutes(() -> node.status(STATUS_TIMEOUT)).route()));
        HostPort b = config.api().bindAddress();
        api = server.bind(b.host(), b.port()).toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      node.crash().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new Cli.UserError(
          "cannot serve the HTTP API on " + config.api().bindAddress() + ": " + rootCause(e));
    }
    return new WolfScaleDaemon(node, api);
  }

  /**
   * Blocks until the node's ActorSystem has terminated and returns the process exit code: 0 when it
   * was asked to stop (SIGTERM/SIGINT), {@link #REMOVED} when the cluster removed it (downed by the
   * Split Brain Resolver, or a duplicate id), so a supervisor such as systemd restarts it.
   */
  public int awaitTermination() throws InterruptedException {
    String id = node.settings().nodeId();
    try {
      node.system().getWhenTerminated().toCompletableFuture().get();
    } catch (java.util.concurrent.ExecutionException e) {
      log.warn("{}: terminated with {}", id, e.getCause().toString());
    }
    var reason = CoordinatedShutdown.get(node.system()).getShutdownReason();
    if (reason.isPresent() && reason.get() == CoordinatedShutdown.jvmExitReason()) {
      log.info("{}: stopped", id);
      return 0;
    }
    log.error(
        "{}: the node left the cluster without being asked to ({}); exiting with code {} so a"
            + " supervisor restarts it",
        id,
        reason.map(Object::toString).orElse("unknown reason"),
        REMOVED);
    return REMOVED;
  }

  /** Exit code of a node the cluster removed (downed, duplicate id). */
  public static final int REMOVED = 3;

  public WolfNode node() {
    return node;
  }

  public ServerBinding api() {
    return api;
  }

  private static String rootCause(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
