package wolf.net.keys;

import java.util.Base64;
import wolf.net.crypto.Dh;

/**
 * A static X25519 private key. {@link #toString()} never shows the key; use {@link #base64()} to
 * write it out deliberately. Immutable and thread-safe.
 */
public final class PrivateKey {
  private final byte[] bytes;

  private PrivateKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A fresh, clamped key (as {@code wg genkey} prints). */
  public static PrivateKey generate() {
    return new PrivateKey(Dh.generatePrivate());
  }

  /** A key from 32 raw bytes (copied). */
  public static PrivateKey of(byte[] bytes) {
    if (bytes.length != Dh.KEY_BYTES) {
      throw new IllegalArgumentException("a private key is 32 bytes, got " + bytes.length);
    }
    return new PrivateKey(bytes.clone());
  }

  /**
   * Parses the base64 form.
   *
   * @throws IllegalArgumentException with a sentence saying what is wrong (never echoing the key)
   */
  public static PrivateKey parse(String text) {
    try {
      return new PrivateKey(PublicKey.decode("private", text));
    } catch (IllegalArgumentException e) {
      // The public-key parser quotes the text; a private key must not end up in a log.
      throw new IllegalArgumentException(
          "not a WolfNet private key: expected 44 base64 characters (32 bytes)");
    }
  }

  /** The matching public key. */
  public PublicKey publicKey() {
    return PublicKey.of(Dh.publicFromPrivate(bytes));
  }

  /** A copy of the 32 raw bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The 44-character base64 form (secret: write it only to a 0600 file or to stdout on request).
   */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "PrivateKey(redacted)";
  }
}
