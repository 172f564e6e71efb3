package wolf.actors.replication;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import wolf.actors.KernelSettings;
import wolf.actors.TestNodes;
import wolf.actors.WolfNode;
import wolf.actors.wal.Wal;
import wolf.config.CommitMode;
import wolf.config.WalSettings;

/**
 * One test node: a {@link WolfNode}, its WAL under {@code dir/wal} and its replicated log. Crash
 * and restart on the same directory (and port) like a process would.
 */
final class ReplicaNode implements AutoCloseable {
  static final WalSettings WAL = new WalSettings(1000, 0, false, 1, 0, true);

  final String id;
  final Path dir;
  final WolfNode node;
  final Wal wal;
  final ReplicatedLog log;
  final AtomicReference<Role> role = new AtomicReference<>();

  private ReplicaNode(String id, Path dir, WolfNode node, Wal wal, ReplicatedLog log) {
    this.id = id;
    this.dir = dir;
    this.node = node;
    this.wal = wal;
    this.log = log;
    log.onRoleChanged(role::set);
  }

  static ReplicaNode start(
      TestNodes nodes,
      String cluster,
      String id,
      Path dir,
      int port,
      List<String> seeds,
      boolean bootstrap,
      CommitMode mode,
      int expected,
      WalSettings walSettings,
      java.time.Clock clock)
      throws Exception {
    KernelSettings ks =
        TestNodes.settings(cluster, id, seeds, bootstrap)
            .withStartCaughtUp(false)
            .withAddresses("127.0.0.1", port, "", 0);
    Replication.HandOverHook hook = new Replication.HandOverHook();
    WolfNode node = nodes.start(ks, hook);
    Wal wal =
        Wal.open(
            node.system(),
            dir.resolve("wal"),
            walSettings,
            wolf.actors.wal.WalWriter.Limits.defaults(walSettings),
            clock);
    ReplicationSettings rs =
        ReplicationSettings.defaults(mode, expected)
            .withCommitTimeout(Duration.ofSeconds(3))
            .withBootstrapGrace(Duration.ofMillis(1500));
    ReplicatedLog log = Replication.start(node, wal, dir, rs, hook);
    return new ReplicaNode(id, dir, node, wal, log);
  }

  boolean leading() {
    return role.get() instanceof Role.Leading;
  }

  int port() {
    String a = node.address();
    return Integer.parseInt(a.substring(a.lastIndexOf(':') + 1));
  }

  /** Stops the node as a crash would: no goodbye; the WAL keeps what was durable. */
  void crash() throws Exception {
    role.set(null);
    node.crash().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    crash();
  }
}
