package wolf.net.handshake;

import wolf.net.keys.JoinToken;
import wolf.net.keys.PublicKey;
import wolf.net.transport.TransportPeer;

/**
 * Decides whether a stranger presenting a join token becomes a peer. The engine has already
 * verified the token (our key, untampered, not expired); the policy may refuse it anyway, for
 * instance because the token was used before. Called under the handshake lock: be quick.
 */
@FunctionalInterface
public interface Admission {
  /**
   * Returns the new peer — with its allowed IPs already routed — or null to refuse.
   *
   * @param joiner the stranger's static public key, authenticated by the handshake so far
   */
  TransportPeer admit(PublicKey joiner, JoinToken token);

  /** Admits nobody: only configured peers may connect. */
  Admission REFUSE_ALL = (joiner, token) -> null;
}
