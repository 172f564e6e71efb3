package wolf.net.handshake;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import wolf.net.crypto.Kdf;

/** Constants of the WolfNet handshake construction (see docs/WOLFNET-PROTOCOL.md). */
final class Noise {
  private Noise() {}

  static final byte[] CONSTRUCTION = ascii("Noise_IKpsk2_25519_ChaChaPoly_SHA256");
  static final byte[] IDENTIFIER = ascii("WolfNet v1 handshake");
  static final byte[] LABEL_MAC1 = ascii("mac1----");
  static final byte[] LABEL_COOKIE = ascii("cookie--");

  /** C0 = HASH(CONSTRUCTION). */
  static final byte[] INITIAL_CHAIN_KEY;

  /** H0 = HASH(C0 || IDENTIFIER). */
  static final byte[] INITIAL_HASH;

  static {
    Kdf kdf = new Kdf();
    INITIAL_CHAIN_KEY = kdf.hash(CONSTRUCTION);
    INITIAL_HASH = kdf.hash(INITIAL_CHAIN_KEY, IDENTIFIER);
  }

  /** At most one initiation per peer is accepted in this interval (WireGuard: 1 s / 50). */
  static final long MIN_INITIATION_INTERVAL = TimeUnit.MILLISECONDS.toNanos(20);

  /** Cookie secrets rotate, and received cookies are used, for this long. */
  static final long COOKIE_LIFETIME = TimeUnit.SECONDS.toNanos(120);

  static final byte[] EMPTY = new byte[0];

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
