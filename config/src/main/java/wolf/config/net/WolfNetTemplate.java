package wolf.config.net;

import java.nio.file.Path;
import java.util.List;
import wolf.config.TomlTemplate;

/**
 * The commented {@code wolfnet.toml} that {@code wolfnet init} and {@code wolfnet join} write:
 * every key with its documentation, the given values live. Stateless.
 */
public final class WolfNetTemplate {
  private WolfNetTemplate() {}

  /** A config for one node; passes {@link WolfNetConfig#parse} when the values are valid. */
  public static String render(
      OverlayAddress address,
      int listenPort,
      Path privateKeyFile,
      Path stateDir,
      boolean gateway,
      List<PeerEntry> peers) {
    TomlTemplate t =
        TomlTemplate.of(
                WolfNetSchema.SCHEMA,
                List.of(
                    "wolfnet.toml for " + address + ", written by `wolfnet`.",
                    "",
                    "Every key is listed with its meaning, type, default and whether all nodes must",
                    "agree. A commented-out key shows its default; uncomment it to change it.",
                    "Relative paths resolve against this file's directory.",
                    "Check the file with `wolfnet validate`. Reference: docs/WOLFNET.md"))
            .set(WolfNetSchema.ADDRESS, address)
            .set(WolfNetSchema.LISTEN_PORT, listenPort)
            .set(WolfNetSchema.PRIVATE_KEY_FILE, privateKeyFile)
            .set(WolfNetSchema.STATE_DIR, stateDir)
            .set(WolfNetSchema.GATEWAY, gateway);
    // Without peers the key stays commented out, so [[mesh.peers]] tables can be appended.
    return peers.isEmpty() ? t.render() : t.set(WolfNetSchema.PEERS_KEY, peers).render();
  }
}
