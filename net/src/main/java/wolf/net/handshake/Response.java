package wolf.net.handshake;

import java.util.Arrays;
import wolf.net.transport.Bytes;

/**
 * Handshake response, responder → initiator (92 bytes, as WireGuard's):
 *
 * <pre>
 * 0  u8 type = 2, 3 zero bytes
 * 4  u32 sender index (LE): the responder's index
 * 8  u32 receiver index (LE): the initiator's index from the initiation
 * 12 32  unencrypted ephemeral public key
 * 44 16  AEAD(empty)
 * 60 16  mac1
 * 76 16  mac2
 * </pre>
 */
final class Response {
  static final int BYTES = 92;

  final int sender;
  final int receiver;
  final byte[] ephemeral;
  final byte[] encryptedEmpty;

  private Response(int sender, int receiver, byte[] ephemeral, byte[] encryptedEmpty) {
    this.sender = sender;
    this.receiver = receiver;
    this.ephemeral = ephemeral;
    this.encryptedEmpty = encryptedEmpty;
  }

  /** The caller has checked {@code len == BYTES}. */
  static Response decode(byte[] b, int off) {
    return new Response(
        Bytes.getIntLe(b, off + 4),
        Bytes.getIntLe(b, off + 8),
        Arrays.copyOfRange(b, off + 12, off + 44),
        Arrays.copyOfRange(b, off + 44, off + 60));
  }

  /** The message with zero MACs, to be stamped by {@link CookieJar#stamp}. */
  static byte[] encode(int sender, int receiver, byte[] ephemeral, byte[] encryptedEmpty) {
    byte[] m = new byte[BYTES];
    m[0] = MessageType.RESPONSE.code();
    Bytes.putIntLe(m, 4, sender);
    Bytes.putIntLe(m, 8, receiver);
    System.arraycopy(ephemeral, 0, m, 12, 32);
    System.arraycopy(encryptedEmpty, 0, m, 44, 16);
    return m;
  }
}
