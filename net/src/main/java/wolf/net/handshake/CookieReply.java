package wolf.net.handshake;

import java.util.Arrays;
import wolf.net.transport.Bytes;

/**
 * Cookie reply, sent instead of processing a handshake message when under load (64 bytes, as
 * WireGuard's):
 *
 * <pre>
 * 0  u8 type = 3, 3 zero bytes
 * 4  u32 receiver index (LE): the sender index of the message being answered
 * 8  24  nonce
 * 32 32  XChaCha20-Poly1305(cookie) with AAD = that message's mac1
 * </pre>
 */
final class CookieReply {
  static final int BYTES = 64;

  final int receiver;

  /** Nonce followed by ciphertext and tag, the layout Tink's XChaCha20Poly1305 reads. */
  final byte[] sealedCookie;

  private CookieReply(int receiver, byte[] sealedCookie) {
    this.receiver = receiver;
    this.sealedCookie = sealedCookie;
  }

  /** The caller has checked {@code len == BYTES}. */
  static CookieReply decode(byte[] b, int off) {
    return new CookieReply(Bytes.getIntLe(b, off + 4), Arrays.copyOfRange(b, off + 8, off + 64));
  }

  static byte[] encode(int receiver, byte[] sealedCookie) {
    byte[] m = new byte[BYTES];
    m[0] = MessageType.COOKIE_REPLY.code();
    Bytes.putIntLe(m, 4, receiver);
    System.arraycopy(sealedCookie, 0, m, 8, 56);
    return m;
  }
}
