package wolf.net.handshake;

import wolf.net.transport.DropReason;
import wolf.net.transport.Session;
import wolf.net.transport.TransportPeer;

/** What a handshake message did, for the peer actor. */
public sealed interface HandshakeEvent {
  /**
   * A session was created and installed in the peer: as {@code current} for the initiator, as
   * {@code next} (unconfirmed until the initiator's first packet) for the responder.
   */
  record SessionEstablished(TransportPeer peer, Session session) implements HandshakeEvent {}

  /** The peer is under load and sent us a cookie: retry the initiation (after a short wait). */
  record CookieReceived(TransportPeer peer) implements HandshakeEvent {}

  /** The message was dropped and counted; {@code detail} is a sentence for the log. */
  record Dropped(DropReason reason, String detail) implements HandshakeEvent {}
}
