package wolf.net.keys;

import java.util.Arrays;
import java.util.Base64;
import wolf.net.crypto.Dh;

/**
 * A peer's static X25519 public key: 32 bytes, written as 44 characters of standard padded base64
 * exactly as WireGuard writes keys. Immutable and thread-safe; equal when the bytes are equal, so
 * it serves as the peer's identity in maps.
 */
public final class PublicKey {
  private final byte[] bytes;
  private final int hash;

  private PublicKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** A key from 32 raw bytes (copied). */
  public static PublicKey of(byte[] bytes) {
    if (bytes.length != Dh.KEY_BYTES) {
      throw new IllegalArgumentException("a public key is 32 bytes, got " + bytes.length);
    }
    return new PublicKey(bytes.clone());
  }

  /**
   * Parses the base64 form.
   *
   * @throws IllegalArgumentException with a sentence saying what is wrong with {@code text}
   */
  public static PublicKey parse(String text) {
    return new PublicKey(decode("public", text));
  }

  static byte[] decode(String what, String text) {
    String t = text.strip();
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a WolfNet " + what + " key: '" + abbreviate(t) + "' is not base64", e);
    }
    if (raw.length != Dh.KEY_BYTES) {
      throw new IllegalArgumentException(
          "not a WolfNet "
              + what
              + " key: expected 44 base64 characters (32 bytes), got "
              + raw.length
              + " bytes");
    }
    return raw;
  }

  private static String abbreviate(String s) {
    return s.length() <= 12 ? s : s.substring(0, 12) + "...";
  }

  /** A copy of the 32 raw bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** True if {@code other[off, off+32)} holds this key. */
  public boolean matches(byte[] other, int off) {
    return Arrays.equals(bytes, 0, bytes.length, other, off, off + bytes.length);
  }

  /** The 44-character base64 form. */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return base64();
  }
}
