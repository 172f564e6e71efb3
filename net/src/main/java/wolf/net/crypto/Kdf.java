package wolf.net.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256, HMAC-SHA256 and HKDF-SHA256 (RFC 5869) over the JDK providers.
 *
 * <p>{@link #kdf} is the Noise {@code HKDF(chaining_key, input, n)} function: it equals RFC 5869
 * HKDF with salt = chaining key, IKM = input, empty info and length n*32, split into n outputs.
 *
 * <p>Not thread-safe: one instance per thread (it owns a {@code Mac} and a {@code MessageDigest}).
 */
public final class Kdf {
  public static final int HASH_BYTES = 32;

  /** Length of the truncated MACs used for MAC1, MAC2 and cookies. */
  public static final int MAC_BYTES = 16;

  private static final String HMAC = "HmacSHA256";

  private final Mac mac;
  private final MessageDigest sha;

  public Kdf() {
    try {
      mac = Mac.getInstance(HMAC);
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK lacks SHA-256 or HmacSHA256", e);
    }
  }

  /** SHA-256 of the concatenation of {@code parts}. */
  public byte[] hash(byte[]... parts) {
    for (byte[] p : parts) {
      sha.update(p);
    }
    return sha.digest();
  }

  /** HMAC-SHA256 keyed with {@code key} over the concatenation of {@code parts}. */
  public byte[] hmac(byte[] key, byte[]... parts) {
    initMac(key);
    for (byte[] p : parts) {
      mac.update(p);
    }
    return mac.doFinal();
  }

  /** HMAC-SHA256 of {@code data[off, off+len)} truncated to 16 bytes. */
  public byte[] mac16(byte[] key, byte[] data, int off, int len) {
    initMac(key);
    mac.update(data, off, len);
    return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
  }

  /** RFC 5869 HKDF-SHA256: extract with {@code salt} (zeros when empty), expand to {@code len}. */
  public byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int len) {
    if (len < 0 || len > 255 * HASH_BYTES) {
      throw new IllegalArgumentException("HKDF length out of range: " + len);
    }
    byte[] prk = hmac(salt.length == 0 ? new byte[HASH_BYTES] : salt, ikm);
    byte[] out = new byte[len];
    byte[] t = new byte[0];
    for (int i = 0, done = 0; done < len; i++) {
      t = hmac(prk, t, info, new byte[] {(byte) (i + 1)});
      int n = Math.min(HASH_BYTES, len - done);
      System.arraycopy(t, 0, out, done, n);
      done += n;
    }
    return out;
  }

  /** Noise {@code HKDF(chainingKey, input)} with {@code n} (1 to 3) 32-byte outputs. */
  public byte[][] kdf(byte[] chainingKey, byte[] input, int n) {
    if (n < 1 || n > 3) {
      throw new IllegalArgumentException("Noise HKDF gives 1 to 3 outputs, not " + n);
    }
    byte[] all = hkdf(chainingKey, input, new byte[0], n * HASH_BYTES);
    byte[][] out = new byte[n][];
    for (int i = 0; i < n; i++) {
      out[i] = Arrays.copyOfRange(all, i * HASH_BYTES, (i + 1) * HASH_BYTES);
    }
    return out;
  }

  private void initMac(byte[] key) {
    try {
      mac.init(new SecretKeySpec(key, HMAC));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("bad HMAC key", e);
    }
  }
}
