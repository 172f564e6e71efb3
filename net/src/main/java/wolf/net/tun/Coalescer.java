package wolf.net.tun;

/**
 * Receive-side coalescing for a TUN device with offloads (the reverse of {@link Segmenter}, what a
 * NIC's GRO does): consecutive IPv4 TCP segments of one flow in a batch — same addresses, ports,
 * ACK, window and options, contiguous sequence numbers, equal-sized but for the last, only ACK or
 * ACK|PSH set, PSH only at the end — are joined into one packet of up to 64 KiB with a {@code
 * virtio_net_hdr} saying "TCPv4 segments of gso_size, checksum partial". The kernel's TCP stack
 * then takes one large segment instead of dozens. Anything else is written as it is, marked
 * checksum-verified (the AEAD proved it intact).
 *
 * <p>Packets sit at {@code buf[VNET_HDR, VNET_HDR + len)} with the header room free before them.
 * Not thread-safe: one per writer thread.
 */
final class Coalescer {
  private static final int VNET = Segmenter.VNET_HDR;
  private static final int MAX = 65535;

  /** Where joined packets are built. */
  private final byte[] joined = new byte[VNET + MAX];

  /** Writes the packet or joined packet {@code buf[0, VNET + len)} (header included). */
  @FunctionalInterface
  interface Sink {
    void write(byte[] buf, int lenWithHeader) throws java.io.IOException;
  }

  /**
   * Writes {@code count} packets ({@code bufs[i]}, {@code lens[i]} bytes each after the header
   * room), joining what can be joined, in order. Returns the number of writes made.
   */
  int write(byte[][] bufs, int[] lens, int count, Sink sink) throws java.io.IOException {
    int writes = 0;
    int i = 0;
    while (i < count) {
      int end = i + 1;
      if (joinable(bufs[i], lens[i])) {
        int seg = payload(bufs[i], lens[i]);
        int total = lens[i];
        while (end < count
            && !hasPsh(bufs[end - 1])
            && payload(bufs[end - 1], lens[end - 1]) == seg
            && joinable(bufs[end], lens[end])
            && follows(bufs[end - 1], lens[end - 1], bufs[end])
            && payload(bufs[end], lens[end]) <= seg
            && total + payload(bufs[end], lens[end]) <= MAX) {
          total += payload(bufs[end], lens[end]);
          end++;
        }
      }
      if (end - i == 1) {
        plainHeader(bufs[i]);
        sink.write(bufs[i], VNET + lens[i]);
      } else {
        sink.write(joined, VNET + join(bufs, lens, i, end));
      }
      writes++;
      i = end;
    }
    return writes;
  }

  static void plainHeader(byte[] b) {
    b[0] = LinuxTun.DATA_VALID;
    java.util.Arrays.fill(b, 1, VNET, (byte) 0);
  }

  /** IPv4 without options or fragments, TCP with payload and only ACK or ACK|PSH. */
  private static boolean joinable(byte[] b, int len) {
    int ip = VNET;
    if (len < 40 || (b[ip] & 0xff) != 0x45 || b[ip + 9] != 6) {
      return false;
    }
    if ((Checksums.get16(b, ip + 6) & 0x3fff) != 0 || Checksums.get16(b, ip + 2) != len) {
      return false;
    }
    int flags = b[ip + 33] & 0xff;
    return (flags == 0x10 || flags == 0x18) && payload(b, len) > 0;
  }

  private static boolean hasPsh(byte[] b) {
    return (b[VNET + 33] & 0x08) != 0;
  }

  private static int tcpHeader(byte[] b) {
    return ((b[VNET + 32] >> 4) & 0x0f) * 4;
  }

  private static int payload(byte[] b, int len) {
    return len - 20 - tcpHeader(b);
  }

  /** Same flow, ack, window, TTL, TOS and options; sequence continues where {@code a} ends. */
  private static boolean follows(byte[] a, int aLen, byte[] b) {
    int ip = VNET;
    int th = tcpHeader(a);
    if (th != tcpHeader(b) || a[ip + 1] != b[ip + 1] || a[ip + 8] != b[ip + 8]) {
      return false;
    }
    // addresses (12..20), ports (20..24), then ack (28..32) and window (34..36), options
    if (!java.util.Arrays.equals(a, ip + 12, ip + 24, b, ip + 12, ip + 24)
        || !java.util.Arrays.equals(a, ip + 28, ip + 32, b, ip + 28, ip + 32)
        || !java.util.Arrays.equals(a, ip + 34, ip + 36, b, ip + 34, ip + 36)
        || !java.util.Arrays.equals(a, ip + 40, ip + 20 + th, b, ip + 40, ip + 20 + th)) {
      return false;
    }
    return seq(b) == ((seq(a) + payload(a, aLen)) & 0xffffffffL);
  }

  private static long seq(byte[] b) {
    int t = VNET + 20;
    return (b[t + 4] & 0xffL) << 24
        | (b[t + 5] & 0xffL) << 16
        | (b[t + 6] & 0xffL) << 8
        | (b[t + 7] & 0xffL);
  }

  /**
   * Builds packets {@code from..to-1} into {@link #joined}; returns the length after the header.
   */
  private int join(byte[][] bufs, int[] lens, int from, int to) {
    byte[] first = bufs[from];
    int hdr = 20 + tcpHeader(first);
    System.arraycopy(first, VNET, joined, VNET, hdr);
    int at = VNET + hdr;
    for (int k = from; k < to; k++) {
      int p = payload(bufs[k], lens[k]);
      System.arraycopy(bufs[k], VNET + hdr, joined, at, p);
      at += p;
    }
    int total = at - VNET;
    joined[VNET + 33] = bufs[to - 1][VNET + 33]; // the last segment's flags (PSH)
    Checksums.put16(joined, VNET + 2, total);
    Checksums.put16(joined, VNET + 10, 0);
    Checksums.put16(joined, VNET + 10, Checksums.finish(Checksums.add(0, joined, VNET, 20)));
    // CHECKSUM_PARTIAL: the field holds the folded pseudo-header sum, not complemented.
    long pseudo = Checksums.add(0, joined, VNET + 12, 8) + 6 + (total - 20);
    Checksums.put16(joined, VNET + 36, 0xffff & ~Checksums.finish(pseudo));
    joined[0] = 1; // NEEDS_CSUM
    joined[1] = 1; // GSO TCPv4
    le16(joined, 2, hdr);
    le16(joined, 4, payload(first, lens[from]));
    le16(joined, 6, 20);
    le16(joined, 8, 16);
    return total;
  }

  private static void le16(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
  }
}
