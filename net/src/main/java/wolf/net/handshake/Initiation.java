package wolf.net.handshake;

import java.util.Arrays;
import wolf.net.keys.JoinToken;
import wolf.net.transport.Bytes;

/**
 * Handshake initiation, initiator → responder:
 *
 * <pre>
 * 0    u8 type = 1, 3 zero bytes
 * 4    u32 sender index (LE)
 * 8    32  unencrypted ephemeral public key
 * 40   48  AEAD(initiator static public key)
 * 88   28+t AEAD(timestamp || optional join token of t bytes)
 * 116+t 16 mac1
 * 132+t 16 mac2
 * </pre>
 *
 * Without a token the message is 148 bytes, as WireGuard's.
 */
final class Initiation {
  static final int FIXED_BYTES = 148;
  static final int MAX_BYTES = FIXED_BYTES + JoinToken.MAX_BYTES;
  static final int STATIC_BYTES = 48;
  static final int FIXED_PAYLOAD_BYTES = Tai64n.BYTES + 16;

  final int sender;
  final byte[] ephemeral;
  final byte[] encryptedStatic;
  final byte[] encryptedPayload;

  private Initiation(int sender, byte[] ephemeral, byte[] encryptedStatic, byte[] payload) {
    this.sender = sender;
    this.ephemeral = ephemeral;
    this.encryptedStatic = encryptedStatic;
    this.encryptedPayload = payload;
  }

  /** The caller has checked {@code FIXED_BYTES <= len <= MAX_BYTES}. */
  static Initiation decode(byte[] b, int off, int len) {
    return new Initiation(
        Bytes.getIntLe(b, off + 4),
        Arrays.copyOfRange(b, off + 8, off + 40),
        Arrays.copyOfRange(b, off + 40, off + 88),
        Arrays.copyOfRange(b, off + 88, off + len - Macs.BYTES));
  }

  /** The message with zero MACs, to be stamped by {@link CookieJar#stamp}. */
  static byte[] encode(int sender, byte[] ephemeral, byte[] encryptedStatic, byte[] payload) {
    byte[] m = new byte[FIXED_BYTES - FIXED_PAYLOAD_BYTES + payload.length];
    m[0] = MessageType.INITIATION.code();
    Bytes.putIntLe(m, 4, sender);
    System.arraycopy(ephemeral, 0, m, 8, 32);
    System.arraycopy(encryptedStatic, 0, m, 40, STATIC_BYTES);
    System.arraycopy(payload, 0, m, 88, payload.length);
    return m;
  }
}
