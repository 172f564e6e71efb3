package wolf.actors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the cluster kernel needs to start one node, independent of which tool runs it. Tools
 * build this from their own validated configuration.
 *
 * @param clusterName becomes the Pekko ActorSystem name; nodes of different names never join
 * @param nodeId this node's id; leadership prefers the lowest id in natural order
 * @param role the tool role every eligible member carries, e.g. {@code wolfscale}
 * @param bindHost Artery bind host (may be a wildcard)
 * @param bindPort Artery bind port, 0 picks a free port
 * @param advertiseHost host other nodes use to reach this one (never a wildcard)
 * @param advertisePort port other nodes use, 0 means "same as the bound port"
 * @param seeds static peers as {@code host:port}; may contain this node's own address
 * @param bootstrap when true this node may form a new cluster if no seed answers
 * @param discovery UDP broadcast discovery, or disabled
 * @param security transport security of cluster traffic
 * @param heartbeatInterval failure-detector heartbeat interval
 * @param electionTimeout acceptable heartbeat pause: a silent member is unreachable after roughly
 *     this plus one heartbeat, and leadership moves then
 * @param startCaughtUp whether this node reports itself caught up from the start
 */
public record KernelSettings(
    String clusterName,
    String nodeId,
    String role,
    String bindHost,
    int bindPort,
    String advertiseHost,
    int advertisePort,
    List<String> seeds,
    boolean bootstrap,
    DiscoverySettings discovery,
    TransportSecurity security,
    Duration heartbeatInterval,
    Duration electionTimeout,
    boolean startCaughtUp) {

  /** A copy with other bind and advertised addresses. */
  public KernelSettings withAddresses(
      String bindHost, int bindPort, String advertiseHost, int advertisePort) {
    return new KernelSettings(
        clusterName,
        nodeId,
        role,
        bindHost,
        bindPort,
        advertiseHost,
        advertisePort,
        seeds,
        bootstrap,
        discovery,
        security,
        heartbeatInterval,
        electionTimeout,
        startCaughtUp);
  }

  /** A copy with other discovery settings. */
  public KernelSettings withDiscovery(DiscoverySettings discovery) {
    return new KernelSettings(
        clusterName,
        nodeId,
        role,
        bindHost,
        bindPort,
        advertiseHost,
        advertisePort,
        seeds,
        bootstrap,
        discovery,
        security,
        heartbeatInterval,
        electionTimeout,
        startCaughtUp);
  }

  /** A copy with other transport security. */
  public KernelSettings withSecurity(TransportSecurity security) {
    return new KernelSettings(
        clusterName,
        nodeId,
        role,
        bindHost,
        bindPort,
        advertiseHost,
        advertisePort,
        seeds,
        bootstrap,
        discovery,
        security,
        heartbeatInterval,
        electionTimeout,
        startCaughtUp);
  }

  /** A copy that starts caught up, or not. */
  public KernelSettings withStartCaughtUp(boolean startCaughtUp) {
    return new KernelSettings(
        clusterName,
        nodeId,
        role,
        bindHost,
        bindPort,
        advertiseHost,
        advertisePort,
        seeds,
        bootstrap,
        discovery,
        security,
        heartbeatInterval,
        electionTimeout,
        startCaughtUp);
  }

  /**
   * UDP broadcast discovery. Beacons carry cluster name, node id and cluster address; beacons of
   * another cluster name are ignored.
   *
   * @param broadcastHost where beacons are sent, e.g. 255.255.255.255 or 127.255.255.255 in tests
   * @param port UDP port beacons are sent to and received on
   */
  public record DiscoverySettings(
      boolean enabled, String broadcastHost, int port, Duration interval) {
    public static DiscoverySettings disabled() {
      return new DiscoverySettings(false, "255.255.255.255", 7655, Duration.ofSeconds(1));
    }
  }

  /**
   * Security of cluster (Artery) traffic: TLS with mutual authentication from a PKCS12 key store or
   * PEM files, or plain TCP for loopback development only.
   */
  public record TransportSecurity(
      boolean tls,
      Optional<Path> keyStore,
      String keyStorePassword,
      Optional<Path> certFile,
      Optional<Path> keyFile,
      Optional<Path> caFile) {
    public static TransportSecurity plain() {
      return new TransportSecurity(
          false, Optional.empty(), "", Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static TransportSecurity keyStore(Path keyStore, String password) {
      return new TransportSecurity(
          true,
          Optional.of(keyStore),
          password,
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
  }
}
