package wolf.net.mesh;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The active-gateway rule: among gateway-capable nodes that are alive, the one with the lowest id
 * wins, where a node's id is its overlay address compared as an unsigned number ({@code 10.0.10.2}
 * before {@code 10.0.10.10}).
 *
 * <p>WolfNet nodes do not form a Pekko cluster (the mesh is their only link, and a cluster would
 * have to run over the very tunnel it manages), so the kernel's {@code Leadership} is not
 * available; this applies the same lowest-id rule to what each node observes itself. "Alive" is the
 * data path's own liveness: an authenticated packet (data or keepalive) from the peer within the
 * peer timeout. Nodes can briefly disagree while a failure is being noticed; each converges within
 * one peer timeout after the mesh settles. Stateless.
 */
public final class GatewayElection {
  /** A node that may be elected; {@code self} marks the local node. */
  public record Candidate<T>(InetAddress id, boolean gatewayCapable, boolean alive, T node) {}

  private GatewayElection() {}

  /** The winner, or empty if no gateway-capable node is alive. */
  public static <T> Optional<Candidate<T>> choose(List<Candidate<T>> candidates) {
    return candidates.stream()
        .filter(c -> c.gatewayCapable() && c.alive())
        .min(Comparator.comparing(c -> c.id().getAddress(), GatewayElection::compareUnsigned));
  }

  /** Orders addresses as unsigned big-endian numbers; IPv4 (shorter) before IPv6. */
  static int compareUnsigned(byte[] a, byte[] b) {
    if (a.length != b.length) {
      return Integer.compare(a.length, b.length);
    }
    return Arrays.compareUnsigned(a, b);
  }
}
