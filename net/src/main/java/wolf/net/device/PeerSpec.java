package wolf.net.device;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import wolf.net.keys.JoinToken;
import wolf.net.keys.PublicKey;
import wolf.net.transport.Cidr;

/**
 * One configured (or token-admitted) peer.
 *
 * @param name for logs and status; the overlay address when nothing better is known
 * @param key the peer's static public key
 * @param endpoint where to send first, or null until discovery or the peer's own packets tell us
 * @param allowedIps inner addresses this peer may send from and that we route to it; the first
 *     entry's address is the peer's overlay address (its id in gateway elections)
 * @param gateway whether the peer may serve as the mesh's gateway
 * @param token a join token to present to this peer (the inviter) until a session is up; or null
 */
public record PeerSpec(
    String name,
    PublicKey key,
    InetSocketAddress endpoint,
    List<Cidr> allowedIps,
    boolean gateway,
    JoinToken token) {
  public PeerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    allowedIps = List.copyOf(allowedIps);
    if (allowedIps.isEmpty()) {
      throw new IllegalArgumentException("peer " + key + " needs at least one allowed IP");
    }
  }

  /** The peer's overlay address: the address of its first allowed-IPs entry. */
  public InetAddress overlayAddress() {
    try {
      return InetAddress.getByAddress(allowedIps.get(0).address());
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
