package wolf.net.crypto;

import com.google.crypto.tink.subtle.X25519;
import java.security.InvalidKeyException;

/**
 * X25519 Diffie-Hellman (RFC 7748) through Tink's {@code subtle.X25519}.
 *
 * <p>Keys are raw 32-byte little-endian strings. Generated private keys are clamped as RFC 7748
 * section 5 describes (and as WireGuard's {@code genkey} prints them); the scalar multiplication
 * clamps again, so unclamped keys from elsewhere still work. Thread-safe: all methods are static
 * and stateless.
 */
public final class Dh {
  /** Length of a private key, a public key and a shared secret. */
  public static final int KEY_BYTES = 32;

  private Dh() {}

  /** A fresh clamped private key from Tink's secure random source. */
  public static byte[] generatePrivate() {
    return clamp(X25519.generatePrivateKey());
  }

  /** Clamps {@code key} in place (RFC 7748 {@code decodeScalar25519}) and returns it. */
  public static byte[] clamp(byte[] key) {
    key[0] &= (byte) 248;
    key[31] &= 127;
    key[31] |= 64;
    return key;
  }

  /** The public key (X25519 of the base point) for {@code privateKey}. */
  public static byte[] publicFromPrivate(byte[] privateKey) {
    checkLength(privateKey);
    try {
      return X25519.publicFromPrivate(privateKey);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("invalid X25519 private key", e);
    }
  }

  /**
   * The shared secret X25519(privateKey, publicKey).
   *
   * @throws InvalidKeyException if the public key has the wrong length or is a low-order point (the
   *     shared secret would be all zeros, which would let the peer force a known key)
   */
  public static byte[] agree(byte[] privateKey, byte[] publicKey) throws InvalidKeyException {
    checkLength(privateKey);
    if (publicKey.length != KEY_BYTES) {
      throw new InvalidKeyException("X25519 public key must be 32 bytes, got " + publicKey.length);
    }
    byte[] shared = X25519.computeSharedSecret(privateKey, publicKey);
    int acc = 0;
    for (byte b : shared) {
      acc |= b;
    }
    if (acc == 0) {
      throw new InvalidKeyException("X25519 shared secret is zero: low-order public key");
    }
    return shared;
  }

  private static void checkLength(byte[] privateKey) {
    if (privateKey.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "X25519 private key must be 32 bytes, got " + privateKey.length);
    }
  }
}
