package wolf.net.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKey;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ChaCha20-Poly1305 AEAD (RFC 8439) over the JDK {@link Cipher}, with explicit nonces.
 *
 * <p>The counter form builds WireGuard's nonce: 4 zero bytes followed by the 64-bit counter in
 * little-endian order. The cipher is re-initialised for every call; the caller guarantees that a
 * (key, nonce) pair is never sealed twice (the JDK refuses a re-init with the previous pair, which
 * a correct caller never triggers).
 *
 * <p>Not thread-safe: one instance per thread. It owns a {@code Cipher} and a nonce buffer so that
 * the data path does not allocate them per packet.
 */
public final class ChaChaPoly {
  public static final int KEY_BYTES = 32;
  public static final int NONCE_BYTES = 12;
  public static final int TAG_BYTES = 16;

  private static final byte[] ZEROS = new byte[64];

  private final Cipher cipher;
  private final Cipher stream;
  private final Poly1305 poly = new Poly1305();
  private final byte[] nonce = new byte[NONCE_BYTES];
  private final byte[] block0 = new byte[64];
  private final byte[] lengths = new byte[16];
  private final byte[] tag = new byte[TAG_BYTES];

  public ChaChaPoly() {
    try {
      cipher = Cipher.getInstance("ChaCha20-Poly1305");
      stream = Cipher.getInstance("ChaCha20");
    } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
      throw new IllegalStateException("this JDK has no ChaCha20-Poly1305 cipher", e);
    }
  }

  /** Wraps 32 raw bytes as a ChaCha20 key. */
  public static SecretKey key(byte[] raw) {
    if (raw.length != KEY_BYTES) {
      throw new IllegalArgumentException("ChaCha20 key must be 32 bytes, got " + raw.length);
    }
    return new SecretKeySpec(raw, "ChaCha20");
  }

  /**
   * Encrypts {@code in[off, off+len)} followed by {@code padding} zero bytes into {@code out} at
   * {@code outOff}, appending the tag. Returns the bytes written: {@code len + padding + 16}.
   *
   * <p>The counter forms run RFC 8439's construction themselves: the JDK's ChaCha20 (vectorized)
   * for the key stream — block 0 gives the Poly1305 key, blocks 1.. encrypt — and {@link Poly1305}
   * for the tag. Tests check them byte for byte against the JDK's ChaCha20-Poly1305.
   */
  public int seal(
      SecretKey key,
      long counter,
      byte[] aad,
      byte[] in,
      int off,
      int len,
      int padding,
      byte[] out,
      int outOff) {
    if (padding < 0 || padding > ZEROS.length) {
      throw new IllegalArgumentException("padding out of range: " + padding);
    }
    counterNonce(counter);
    try {
      stream.init(Cipher.ENCRYPT_MODE, key, new ChaCha20ParameterSpec(nonce, 0));
      stream.update(ZEROS, 0, 64, block0, 0);
      int n = len == 0 ? 0 : stream.update(in, off, len, out, outOff);
      if (padding > 0) {
        n += stream.update(ZEROS, 0, padding, out, outOff + n);
      }
      if (n != len + padding) {
        throw new IllegalStateException("ChaCha20 returned " + n + " of " + (len + padding));
      }
      mac(aad, out, outOff, n, out, outOff + n);
      return n + TAG_BYTES;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 seal failed", e);
    }
  }

  /** The RFC 8439 tag over aad, ciphertext and their lengths, under the key in block0. */
  private void mac(byte[] aad, byte[] ct, int ctOff, int ctLen, byte[] dst, int dstOff) {
    poly.init(block0, 0);
    int aadLen = aad == null ? 0 : aad.length;
    if (aadLen > 0) {
      poly.update(aad, 0, aadLen);
    }
    poly.update(ct, ctOff, ctLen);
    for (int i = 0; i < 8; i++) {
      lengths[i] = (byte) ((long) aadLen >>> (8 * i));
      lengths[8 + i] = (byte) ((long) ctLen >>> (8 * i));
    }
    poly.update(lengths, 0, 16);
    poly.finish(dst, dstOff);
  }

  /** Seals with a caller-supplied 12-byte nonce (used by the RFC 8439 test vector). */
  public int seal(
      SecretKey key,
      byte[] nonce12,
      byte[] aad,
      byte[] in,
      int off,
      int len,
      byte[] out,
      int oOff) {
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce12));
      if (aad != null) {
        cipher.updateAAD(aad);
      }
      return cipher.doFinal(in, off, len, out, oOff);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 seal failed", e);
    }
  }

  /**
   * Decrypts and verifies {@code in[off, off+len)} (ciphertext followed by the tag) into {@code
   * out}. Returns the plaintext length, or -1 if the tag does not verify; on -1 the contents of
   * {@code out} are unspecified and must not be used.
   */
  public int open(
      SecretKey key, long counter, byte[] aad, byte[] in, int off, int len, byte[] out, int oOff) {
    if (len < TAG_BYTES) {
      return -1;
    }
    counterNonce(counter);
    int ctLen = len - TAG_BYTES;
    try {
      initStream(key);
      stream.update(ZEROS, 0, 64, block0, 0);
      mac(aad, in, off, ctLen, tag, 0);
      int diff = 0;
      for (int i = 0; i < TAG_BYTES; i++) {
        diff |= tag[i] ^ in[off + ctLen + i];
      }
      if (diff != 0) {
        return -1;
      }
      return ctLen == 0 ? 0 : stream.update(in, off, ctLen, out, oOff);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 open failed", e);
    }
  }

  /** As {@link #initDecrypt}, for the key stream of {@link #open}. */
  private void initStream(SecretKey key) throws GeneralSecurityException {
    try {
      stream.init(Cipher.DECRYPT_MODE, key, new ChaCha20ParameterSpec(nonce, 0));
    } catch (InvalidKeyException e) {
      byte[] other = nonce.clone();
      other[0] ^= (byte) 0xff;
      stream.init(Cipher.DECRYPT_MODE, key, new ChaCha20ParameterSpec(other, 0));
      stream.init(Cipher.DECRYPT_MODE, key, new ChaCha20ParameterSpec(nonce, 0));
    }
  }

  /** Opens with a caller-supplied 12-byte nonce; same contract as the counter form. */
  public int open(
      SecretKey key,
      byte[] nonce12,
      byte[] aad,
      byte[] in,
      int off,
      int len,
      byte[] out,
      int oOff) {
    if (len < TAG_BYTES) {
      return -1;
    }
    try {
      initDecrypt(key, nonce12);
      if (aad != null) {
        cipher.updateAAD(aad);
      }
      return cipher.doFinal(in, off, len, out, oOff);
    } catch (AEADBadTagException e) {
      return -1;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 open failed", e);
    }
  }

  /**
   * The JDK refuses to re-initialise a ChaCha20 cipher with the previous (key, nonce) even for
   * decryption. That is legitimate when opening: a forged packet that failed its tag may be
   * followed by the genuine packet with the same counter. Stepping through another nonce clears the
   * check. Sealing never does this: a repeated (key, nonce) there is a bug and must fail loudly.
   */
  private void initDecrypt(SecretKey key, byte[] nonce12) throws GeneralSecurityException {
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce12));
    } catch (InvalidKeyException e) {
      byte[] other = nonce12.clone();
      other[0] ^= (byte) 0xff;
      cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(other));
      cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce12));
    }
  }

  /** Allocating convenience for the handshake: seals {@code plaintext} with nonce = counter. */
  public byte[] seal(byte[] key, long counter, byte[] plaintext, byte[] aad) {
    byte[] out = new byte[plaintext.length + TAG_BYTES];
    seal(key(key), counter, aad, plaintext, 0, plaintext.length, 0, out, 0);
    return out;
  }

  /** Allocating convenience for the handshake: the plaintext, or null if the tag is wrong. */
  public byte[] open(byte[] key, long counter, byte[] ciphertext, byte[] aad) {
    if (ciphertext.length < TAG_BYTES) {
      return null;
    }
    byte[] out = new byte[ciphertext.length - TAG_BYTES];
    int n = open(key(key), counter, aad, ciphertext, 0, ciphertext.length, out, 0);
    return n < 0 ? null : Arrays.copyOf(out, n);
  }

  private void counterNonce(long counter) {
    // nonce[0..4) stays zero; the counter goes little-endian into nonce[4..12).
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] = (byte) (counter >>> (8 * i));
    }
  }
}
