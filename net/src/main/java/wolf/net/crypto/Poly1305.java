package wolf.net.crypto;

/**
 * Poly1305 (RFC 8439 section 2.5) in 26-bit limbs with 64-bit products, written for the JIT: no
 * allocation, no generic field arithmetic. The JDK's own Poly1305 is an intrinsic only on CPUs with
 * AVX-512 or AVX-IFMA; elsewhere its generic Java version was the largest single cost of the
 * WolfNet packet path, and this one is several times faster.
 *
 * <p>Use: {@link #init} with the one-time key, {@link #update} with the data (blocks of 16; a
 * shorter tail is padded with zeros as the AEAD construction wants), {@link #finish}. Not
 * thread-safe; reusable.
 */
final class Poly1305 {
  private static final long M26 = 0x3ffffff;

  private long r0;
  private long r1;
  private long r2;
  private long r3;
  private long r4;
  private long s1;
  private long s2;
  private long s3;
  private long s4;
  private long h0;
  private long h1;
  private long h2;
  private long h3;
  private long h4;
  private long k0;
  private long k1;
  private long k2;
  private long k3;
  private final byte[] tail = new byte[16];

  /** Starts a tag under the 32-byte one-time key {@code key[off, off+32)}. */
  void init(byte[] key, int off) {
    r0 = le32(key, off) & 0x3ffffff;
    r1 = (le32(key, off + 3) >>> 2) & 0x3ffff03;
    r2 = (le32(key, off + 6) >>> 4) & 0x3ffc0ff;
    r3 = (le32(key, off + 9) >>> 6) & 0x3f03fff;
    r4 = (le32(key, off + 12) >>> 8) & 0x00fffff;
    s1 = r1 * 5;
    s2 = r2 * 5;
    s3 = r3 * 5;
    s4 = r4 * 5;
    h0 = h1 = h2 = h3 = h4 = 0;
    k0 = le32(key, off + 16);
    k1 = le32(key, off + 20);
    k2 = le32(key, off + 24);
    k3 = le32(key, off + 28);
  }

  /** Absorbs {@code b[off, off+len)}, zero-padding a final partial block to 16 bytes. */
  void update(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    for (; i + 16 <= end; i += 16) {
      block(b, i);
    }
    if (i < end) {
      java.util.Arrays.fill(tail, (byte) 0);
      System.arraycopy(b, i, tail, 0, end - i);
      block(tail, 0);
    }
  }

  private void block(byte[] m, int off) {
    long t0 = le32(m, off);
    long t1 = le32(m, off + 4);
    long t2 = le32(m, off + 8);
    long t3 = le32(m, off + 12);
    long a0 = h0 + (t0 & M26);
    long a1 = h1 + (((t0 >>> 26) | (t1 << 6)) & M26);
    long a2 = h2 + (((t1 >>> 20) | (t2 << 12)) & M26);
    long a3 = h3 + (((t2 >>> 14) | (t3 << 18)) & M26);
    long a4 = h4 + ((t3 >>> 8) | (1L << 24));
    long d0 = a0 * r0 + a1 * s4 + a2 * s3 + a3 * s2 + a4 * s1;
    long d1 = a0 * r1 + a1 * r0 + a2 * s4 + a3 * s3 + a4 * s2;
    long d2 = a0 * r2 + a1 * r1 + a2 * r0 + a3 * s4 + a4 * s3;
    long d3 = a0 * r3 + a1 * r2 + a2 * r1 + a3 * r0 + a4 * s4;
    long d4 = a0 * r4 + a1 * r3 + a2 * r2 + a3 * r1 + a4 * r0;
    long c = d0 >>> 26;
    h0 = d0 & M26;
    d1 += c;
    c = d1 >>> 26;
    h1 = d1 & M26;
    d2 += c;
    c = d2 >>> 26;
    h2 = d2 & M26;
    d3 += c;
    c = d3 >>> 26;
    h3 = d3 & M26;
    d4 += c;
    c = d4 >>> 26;
    h4 = d4 & M26;
    h0 += c * 5;
    c = h0 >>> 26;
    h0 &= M26;
    h1 += c;
  }

  /** Writes the 16-byte tag to {@code out[off, off+16)}. */
  void finish(byte[] out, int off) {
    long c = h1 >>> 26;
    h1 &= M26;
    h2 += c;
    c = h2 >>> 26;
    h2 &= M26;
    h3 += c;
    c = h3 >>> 26;
    h3 &= M26;
    h4 += c;
    c = h4 >>> 26;
    h4 &= M26;
    h0 += c * 5;
    c = h0 >>> 26;
    h0 &= M26;
    h1 += c;
    // h - p = h + 5 - 2^130: use it if it does not go negative
    long g0 = h0 + 5;
    c = g0 >>> 26;
    g0 &= M26;
    long g1 = h1 + c;
    c = g1 >>> 26;
    g1 &= M26;
    long g2 = h2 + c;
    c = g2 >>> 26;
    g2 &= M26;
    long g3 = h3 + c;
    c = g3 >>> 26;
    g3 &= M26;
    long g4 = h4 + c - (1L << 26);
    if (g4 >= 0) {
      h0 = g0;
      h1 = g1;
      h2 = g2;
      h3 = g3;
      h4 = g4;
    }
    long f0 = ((h0 | (h1 << 26)) & 0xffffffffL) + k0;
    long f1 = (((h1 >>> 6) | (h2 << 20)) & 0xffffffffL) + k1 + (f0 >>> 32);
    long f2 = (((h2 >>> 12) | (h3 << 14)) & 0xffffffffL) + k2 + (f1 >>> 32);
    long f3 = (((h3 >>> 18) | (h4 << 8)) & 0xffffffffL) + k3 + (f2 >>> 32);
    put32(out, off, f0);
    put32(out, off + 4, f1);
    put32(out, off + 8, f2);
    put32(out, off + 12, f3);
  }

  private static long le32(byte[] b, int off) {
    return (b[off] & 0xffL)
        | (b[off + 1] & 0xffL) << 8
        | (b[off + 2] & 0xffL) << 16
        | (b[off + 3] & 0xffL) << 24;
  }

  private static void put32(byte[] b, int off, long v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }
}
