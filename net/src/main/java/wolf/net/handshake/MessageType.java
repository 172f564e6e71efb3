package wolf.net.handshake;

/**
 * The four WolfNet message types. The type is the first byte, followed by three zero bytes (a
 * little-endian u32, as in WireGuard); anything else is {@link #UNKNOWN}.
 */
public enum MessageType {
  INITIATION,
  RESPONSE,
  COOKIE_REPLY,
  /** Transport data: hand to {@link wolf.net.transport.TransportCodec#open}. */
  TRANSPORT,
  UNKNOWN;

  /** Classifies a datagram by its first four bytes. */
  public static MessageType of(byte[] b, int off, int len) {
    if (len < 4 || b[off + 1] != 0 || b[off + 2] != 0 || b[off + 3] != 0) {
      return UNKNOWN;
    }
    return switch (b[off]) {
      case 1 -> INITIATION;
      case 2 -> RESPONSE;
      case 3 -> COOKIE_REPLY;
      case 4 -> TRANSPORT;
      default -> UNKNOWN;
    };
  }

  /** The wire value. */
  byte code() {
    return (byte) (ordinal() + 1);
  }
}
