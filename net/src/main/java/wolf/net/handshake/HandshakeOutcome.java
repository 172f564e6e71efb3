package wolf.net.handshake;

import wolf.net.transport.DropReason;

/**
 * The result of one handshake message: an optional reply to send back to the message's source, and
 * what happened.
 *
 * @param reply bytes to send to the source address, or null
 * @param event never null
 */
public record HandshakeOutcome(byte[] reply, HandshakeEvent event) {
  static HandshakeOutcome dropped(DropReason reason, String detail) {
    return new HandshakeOutcome(null, new HandshakeEvent.Dropped(reason, detail));
  }

  public boolean hasReply() {
    return reply != null;
  }

  /** The drop reason, or null if the message was not dropped. */
  public DropReason dropReason() {
    return event instanceof HandshakeEvent.Dropped d ? d.reason() : null;
  }
}
