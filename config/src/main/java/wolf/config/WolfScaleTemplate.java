package wolf.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The commented {@code wolfscale.toml} that {@code wolfscale init} writes: every key with its
 * documentation, the given values live and everything else commented out at its default. Stateless
 * and thread-safe.
 */
public final class WolfScaleTemplate {
  private WolfScaleTemplate() {}

  /**
   * Renders a config for one node. The result passes {@link WolfScaleConfig#parse} when the
   * arguments are valid values for their keys and {@code keyStore} exists; relative paths resolve
   * against the directory the file is written to. With no {@code peers} the node is the one that
   * bootstraps the cluster ({@code bootstrap = true}).
   */
  public static String render(
      String nodeId,
      HostPort bind,
      String clusterName,
      Path dataDir,
      Path keyStore,
      String keyStorePassword,
      List<HostPort> peers) {
    return base(nodeId, bind, clusterName, dataDir, peers)
        .set(WolfScaleSchema.SECURITY_KEY_STORE, keyStore)
        .set(WolfScaleSchema.SECURITY_KEY_STORE_PASSWORD, keyStorePassword)
        .render();
  }

  /**
   * Like {@link #render} but for existing PEM files (a certificate signed by the cluster CA, its
   * private key, and the CA certificate every node trusts) instead of a PKCS12 key store.
   */
  public static String renderPem(
      String nodeId,
      HostPort bind,
      String clusterName,
      Path dataDir,
      Path certFile,
      Path keyFile,
      Path caFile,
      List<HostPort> peers) {
    return base(nodeId, bind, clusterName, dataDir, peers)
        .set(WolfScaleSchema.SECURITY_CERT_FILE, certFile)
        .set(WolfScaleSchema.SECURITY_KEY_FILE, keyFile)
        .set(WolfScaleSchema.SECURITY_CA_FILE, caFile)
        .render();
  }

  private static TomlTemplate base(
      String nodeId, HostPort bind, String clusterName, Path dataDir, List<HostPort> peers) {
    return TomlTemplate.of(
            WolfScaleSchema.SCHEMA,
            List.of(
                "wolfscale.toml for node " + nodeId + ", written by `wolfscale init`.",
                "",
                "Every key is listed with its meaning, type, default and whether all nodes must",
                "agree. A commented-out key shows its default; uncomment it to change it.",
                "Relative paths resolve against this file's directory.",
                "Check the file with `wolfscale validate`. Reference: docs/CONFIG-wolfscale.md"))
        .set(WolfScaleSchema.NODE_ID, nodeId)
        .set(WolfScaleSchema.NODE_BIND_ADDRESS, bind)
        .set(WolfScaleSchema.NODE_DATA_DIR, dataDir)
        .set(WolfScaleSchema.CLUSTER_PEERS, peers)
        .set(WolfScaleSchema.CLUSTER_BOOTSTRAP, peers.isEmpty())
        .set(WolfScaleSchema.CLUSTER_NAME, clusterName)
        .set(WolfScaleSchema.SECURITY_TRANSPORT, TransportMode.TLS);
  }
}
