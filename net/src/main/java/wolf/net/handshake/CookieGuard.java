package wolf.net.handshake;

import com.google.crypto.tink.subtle.XChaCha20Poly1305;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import wolf.net.crypto.Kdf;
import wolf.net.keys.PublicKey;
import wolf.net.transport.Bytes;
import wolf.net.transport.NetClock;

/**
 * Our side of the flood protection, for handshake messages addressed to us.
 *
 * <ul>
 *   <li>MAC1 = HMAC-SHA256(HASH("mac1----" || our public key), msg before mac1)[0..16): anyone who
 *       knows our public key can make it, so it is checked before any Diffie-Hellman to discard
 *       packets not meant for us at the cost of one HMAC.
 *   <li>Under load, MAC2 = HMAC-SHA256(cookie, msg before mac2)[0..16) must also be right, where
 *       cookie = HMAC-SHA256(secret, source IP || source port)[0..16) and the secret is random and
 *       replaced every two minutes. A sender without a valid MAC2 gets a cookie reply and nothing
 *       else: proving it can receive at its source address is the price of our DH work.
 * </ul>
 *
 * Thread-safe (synchronized; its own lock, so floods never take the handshake lock).
 */
final class CookieGuard {
  private final byte[] mac1Key;
  private final XChaCha20Poly1305 cookieCipher;
  private final NetClock clock;
  private final SecureRandom random;
  private final Kdf kdf = new Kdf();
  private final byte[] secret = new byte[32];
  private long secretBornNanos;
  private boolean hasSecret;

  CookieGuard(PublicKey local, NetClock clock, SecureRandom random) {
    this.mac1Key = kdf.hash(Noise.LABEL_MAC1, local.bytes());
    try {
      this.cookieCipher = new XChaCha20Poly1305(kdf.hash(Noise.LABEL_COOKIE, local.bytes()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    this.clock = clock;
    this.random = random;
  }

  synchronized boolean checkMac1(byte[] m, int off, int len) {
    byte[] expected = kdf.mac16(mac1Key, m, off, Macs.mac1Offset(len));
    return equal(expected, m, off + Macs.mac1Offset(len));
  }

  synchronized boolean checkMac2(byte[] m, int off, int len, InetSocketAddress source) {
    byte[] cookie = cookie(source);
    byte[] expected = kdf.mac16(cookie, m, off, Macs.mac2Offset(len));
    return equal(expected, m, off + Macs.mac2Offset(len));
  }

  /** A cookie reply to the message {@code m}, whose sender index it names. */
  synchronized byte[] cookieReply(byte[] m, int off, int len, InetSocketAddress source) {
    byte[] mac1 = Arrays.copyOfRange(m, off + Macs.mac1Offset(len), off + Macs.mac2Offset(len));
    try {
      byte[] sealed = cookieCipher.encrypt(cookie(source), mac1);
      return CookieReply.encode(Bytes.getIntLe(m, off + 4), sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] cookie(InetSocketAddress source) {
    long now = clock.nanoTime();
    if (!hasSecret || now - secretBornNanos >= Noise.COOKIE_LIFETIME) {
      random.nextBytes(secret);
      secretBornNanos = now;
      hasSecret = true;
    }
    byte[] ip = source == null ? new byte[0] : source.getAddress().getAddress();
    byte[] a = Arrays.copyOf(ip, ip.length + 2);
    int port = source == null ? 0 : source.getPort();
    a[ip.length] = (byte) (port >>> 8);
    a[ip.length + 1] = (byte) port;
    return kdf.mac16(secret, a, 0, a.length);
  }

  private static boolean equal(byte[] expected, byte[] m, int at) {
    return MessageDigest.isEqual(expected, Arrays.copyOfRange(m, at, at + 16));
  }
}
