package wolf.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.actors.KernelSettings;
import wolf.actors.WolfNode;
import wolf.actors.replication.ReplicatedLog;
import wolf.actors.replication.Replication;
import wolf.actors.replication.ReplicationSettings;
import wolf.actors.wal.Wal;
import wolf.cli.scale.ScaleServices;
import wolf.config.HostPort;
import wolf.config.WolfScaleConfig;
import wolf.http.ClusterRoutes;
import wolf.http.ManagementServer;
import wolf.http.write.MigrateRoutes;
import wolf.http.write.WriteRoutes;

/**
 * A running WolfScale node: the cluster kernel, the replicated WAL, the MariaDB state machine and
 * the HTTP API. Started by {@code wolfscale start}; stops on SIGTERM/SIGINT by leaving the cluster
 * gracefully.
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

  /**
   * Starts the node: the cluster kernel, the WAL under {@code data_dir/wal}, the replicated log,
   * the MariaDB state machine, the write gateway and, when enabled, the HTTP API. Fails if the API
   * address is taken or the WAL cannot be opened.
   */
  public static WolfScaleDaemon start(WolfScaleConfig config, List<HostPort> seeds, boolean boot)
      throws Exception {
    KernelSettings ks = KernelSettingsFactory.wolfscale(config, seeds, boot);
    Replication.HandOverHook hook = new Replication.HandOverHook();
    WolfNode node = WolfNode.start(ks, hook);
    log.info(
        "{}: cluster '{}' at {}, {} transport",
        ks.nodeId(),
        ks.clusterName(),
        node.address(),
        ks.security().tls() ? "TLS" : "plain TCP");
    ServerBinding api = null;
    try {
      Path data = config.node().dataDir();
      Files.createDirectories(data);
      Wal wal = Wal.open(node.system(), data.resolve("wal"), config.wal());
      int expected = config.cluster().expectedNodes(KernelSettingsFactory.advertised(config));
      ReplicatedLog replicated =
          Replication.start(
              node,
              wal,
              data,
              ReplicationSettings.defaults(config.cluster().commitMode(), expected),
              hook);
      ScaleServices scale = ScaleServices.start(node, replicated, config.database());
      log.info(
          "{}: WAL at {}, commit mode {}, majorities out of {} node(s)",
          ks.nodeId(),
          wal.directory(),
          config.cluster().commitMode().name().toLowerCase(),
          expected);
      if (config.api().enabled()) {
        var server =
            new ManagementServer(
                node.system(),
                ks.nodeId(),
                List.of(
                    new ClusterRoutes(() -> node.status(STATUS_TIMEOUT), scale.sections()).route(),
                    new WriteRoutes(
                            scale.writes(),
                            config.api().token(),
                            ScaleServices.WRITE_WAIT.plusSeconds(5))
                        .route(),
                    new MigrateRoutes(scale::migrate, config.api().token()).route()));
        HostPort b = config.api().bindAddress();
        api = server.bind(b.host(), b.port()).toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      node.crash().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new Cli.UserError("cannot start " + ks.nodeId() + ": " + rootCause(e));
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
