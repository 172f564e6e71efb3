package wolf.config.net;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import wolf.config.HostPort;

/**
 * One {@code [[mesh.peers]]} table. As loaded: {@code publicKey} is 44 base64 characters of 32
 * bytes, every entry of {@code allowedIps} is a valid prefix (at least one), and {@code token},
 * when present, is non-empty. Immutable.
 *
 * @param name shown in status and logs; defaults to the first allowed IP
 * @param endpoint where the peer listens; empty to wait for discovery or the peer's first packet
 * @param gateway whether the peer may be elected the mesh's gateway
 * @param token a join token to present to this peer (written by {@code wolfnet join})
 */
public record PeerEntry(
    String name,
    String publicKey,
    Optional<HostPort> endpoint,
    List<String> allowedIps,
    boolean gateway,
    Optional<String> token) {
  public PeerEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(token, "token");
    allowedIps = List.copyOf(allowedIps);
  }
}
