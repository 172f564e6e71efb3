package wolf.config;

import static wolf.config.WolfScaleSchema.CLUSTER_AUTO_DISCOVERY;
import static wolf.config.WolfScaleSchema.CLUSTER_BOOTSTRAP;
import static wolf.config.WolfScaleSchema.CLUSTER_COMMIT_MODE;
import static wolf.config.WolfScaleSchema.CLUSTER_DISCOVERY_ADDRESS;
import static wolf.config.WolfScaleSchema.CLUSTER_DISCOVERY_INTERVAL_MS;
import static wolf.config.WolfScaleSchema.CLUSTER_ELECTION_TIMEOUT_MS;
import static wolf.config.WolfScaleSchema.CLUSTER_EXPECTED_NODES;
import static wolf.config.WolfScaleSchema.CLUSTER_HEARTBEAT_INTERVAL_MS;
import static wolf.config.WolfScaleSchema.CLUSTER_NAME;
import static wolf.config.WolfScaleSchema.CLUSTER_PEERS;

import java.util.List;
import java.util.Objects;

/**
 * {@code [cluster]}: membership, failure detection and commit rules. Keys are documented in {@link
 * WolfScaleSchema}. As loaded, {@code peers} holds no duplicates (it may hold this node's own
 * address), {@code clusterName} is a valid Pekko ActorSystem name, and {@code electionTimeoutMs >=
 * 2 * heartbeatIntervalMs}. Immutable; {@code peers} is an unmodifiable copy. {@code expectedNodes}
 * is 0 when not set (see {@link #expectedNodes(HostPort)}).
 */
public record ClusterSettings(
    List<HostPort> peers,
    boolean bootstrap,
    boolean autoDiscovery,
    String clusterName,
    int heartbeatIntervalMs,
    int electionTimeoutMs,
    CommitMode commitMode,
    int expectedNodes,
    HostPort discoveryAddress,
    int discoveryIntervalMs) {
  public ClusterSettings {
    peers = List.copyOf(peers);
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(commitMode, "commitMode");
    Objects.requireNonNull(discoveryAddress, "discoveryAddress");
  }

  /**
   * The cluster size majorities are counted from: {@code expected_nodes} when set, else the
   * distinct addresses in {@code peers} plus this node when it is not among them (at least 1).
   *
   * @param self this node's advertised address
   */
  public int expectedNodes(HostPort self) {
    if (expectedNodes > 0) {
      return expectedNodes;
    }
    return Math.max(1, peers.size() + (peers.contains(self) ? 0 : 1));
  }

  static ClusterSettings from(TomlReader in) {
    return new ClusterSettings(
        in.get(CLUSTER_PEERS),
        in.get(CLUSTER_BOOTSTRAP),
        in.get(CLUSTER_AUTO_DISCOVERY),
        in.get(CLUSTER_NAME),
        in.get(CLUSTER_HEARTBEAT_INTERVAL_MS),
        in.get(CLUSTER_ELECTION_TIMEOUT_MS),
        in.get(CLUSTER_COMMIT_MODE),
        in.get(CLUSTER_EXPECTED_NODES),
        in.get(CLUSTER_DISCOVERY_ADDRESS),
        in.get(CLUSTER_DISCOVERY_INTERVAL_MS));
  }
}
