package wolf.net.tun;

/**
 * The Internet checksum (RFC 1071) over byte arrays, as the TCP/IP headers of segments WolfNet
 * makes need it. Stateless; never allocates.
 */
final class Checksums {
  private Checksums() {}

  /** Adds the big-endian 16-bit words of {@code b[off, off+len)} to {@code sum} (unfolded). */
  static long add(long sum, byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    for (; i + 3 < end; i += 4) {
      sum +=
          ((b[i] & 0xffL) << 8 | (b[i + 1] & 0xffL))
              + ((b[i + 2] & 0xffL) << 8 | (b[i + 3] & 0xffL));
    }
    for (; i + 1 < end; i += 2) {
      sum += (b[i] & 0xffL) << 8 | (b[i + 1] & 0xffL);
    }
    if (i < end) {
      sum += (b[i] & 0xffL) << 8;
    }
    return sum;
  }

  /** Folds a sum to 16 bits and complements it: the value to store in a checksum field. */
  static int finish(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  static void put16(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }

  static int get16(byte[] b, int off) {
    return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
  }
}
