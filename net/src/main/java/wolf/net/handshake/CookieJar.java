package wolf.net.handshake;

import com.google.crypto.tink.subtle.XChaCha20Poly1305;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import wolf.net.crypto.Kdf;
import wolf.net.keys.PublicKey;

/**
 * The sending side of MAC1/MAC2 for one peer: stamps our handshake messages to that peer, and keeps
 * the cookie the peer sent us when it was under load. A cookie reply is accepted only if it
 * decrypts with the MAC1 of our latest message as associated data, and only once per message.
 * Guarded by the {@link HandshakeEngine} lock.
 */
final class CookieJar {
  private final byte[] mac1Key;
  private final XChaCha20Poly1305 cookieCipher;
  private byte[] lastMac1;
  private byte[] cookie;
  private long cookieBornNanos;

  CookieJar(PublicKey peer, Kdf kdf) {
    this.mac1Key = kdf.hash(Noise.LABEL_MAC1, peer.bytes());
    try {
      this.cookieCipher = new XChaCha20Poly1305(kdf.hash(Noise.LABEL_COOKIE, peer.bytes()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes mac1, and mac2 if we hold a fresh cookie (else zeros), into the message's tail. */
  void stamp(byte[] m, Kdf kdf, long nowNanos) {
    int at1 = Macs.mac1Offset(m.length);
    byte[] mac1 = kdf.mac16(mac1Key, m, 0, at1);
    System.arraycopy(mac1, 0, m, at1, 16);
    lastMac1 = mac1;
    int at2 = Macs.mac2Offset(m.length);
    if (cookie != null && nowNanos - cookieBornNanos < Noise.COOKIE_LIFETIME) {
      System.arraycopy(kdf.mac16(cookie, m, 0, at2), 0, m, at2, 16);
    } else {
      Arrays.fill(m, at2, at2 + 16, (byte) 0);
    }
  }

  /** Stores the cookie from a cookie reply; false if it does not decrypt or was not asked for. */
  boolean consume(byte[] sealedCookie, long nowNanos) {
    if (lastMac1 == null) {
      return false;
    }
    try {
      cookie = cookieCipher.decrypt(sealedCookie, lastMac1);
    } catch (GeneralSecurityException e) {
      return false;
    }
    cookieBornNanos = nowNanos;
    lastMac1 = null;
    return true;
  }

  boolean hasCookie(long nowNanos) {
    return cookie != null && nowNanos - cookieBornNanos < Noise.COOKIE_LIFETIME;
  }
}
