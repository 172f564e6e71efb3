package wolf.net.tun;

/**
 * Turns what a TUN device with offloads ({@code IFF_VNET_HDR}, {@code TUN_F_CSUM|TSO4|TSO6}) hands
 * us into ordinary packets: a TCP super-packet of up to 64 KiB becomes MSS-sized segments (each
 * with its own IP header, IPv4 id, TCP sequence number, flags and checksums, as the NIC would make
 * them), and a packet whose checksum the kernel left to us gets it completed. The kernel's TCP
 * stack then handles a few large segments instead of many small ones, which is where most of a
 * userspace VPN's CPU time goes.
 *
 * <p>The 10-byte {@code virtio_net_hdr} (little-endian): flags (1 = NEEDS_CSUM), gso_type (0 none,
 * 1 TCPv4, 4 TCPv6; 0x80 ECN bit), hdr_len, gso_size, csum_start, csum_offset. Not thread-safe: one
 * per TUN queue reader.
 */
final class Segmenter {
  static final int VNET_HDR = 10;
  private static final int GSO_NONE = 0;
  private static final int GSO_TCPV4 = 1;
  private static final int GSO_TCPV6 = 4;

  private byte[] src;
  private int length;
  private int mss;
  private int hdrLen;
  private int ipHdrLen;
  private int next;
  private int index;
  private boolean v4;
  private boolean valid;

  /**
   * Takes the frame {@code frame[0, len)} as read from the device (header included). Returns false
   * for a frame that cannot be used (truncated, unknown offload); the caller drops it.
   */
  boolean load(byte[] frame, int len) {
    valid = check(frame, len);
    return valid;
  }

  private boolean check(byte[] frame, int len) {
    src = frame;
    length = len;
    index = 0;
    if (len < VNET_HDR + 20) {
      return false;
    }
    int flags = frame[0] & 0xff;
    int gso = frame[1] & 0x7f;
    if (gso == GSO_NONE) {
      mss = 0;
      next = VNET_HDR;
      if ((flags & 1) != 0) {
        int start = VNET_HDR + le16(frame, 6);
        int field = start + le16(frame, 8);
        if (field + 2 > len) {
          return false;
        }
        // The field holds the pseudo-header sum; the checksum covers it and everything after.
        Checksums.put16(
            frame, field, Checksums.finish(Checksums.add(0, frame, start, len - start)));
      }
      return true;
    }
    if (gso != GSO_TCPV4 && gso != GSO_TCPV6) {
      return false;
    }
    v4 = gso == GSO_TCPV4;
    int ip = VNET_HDR;
    ipHdrLen = v4 ? (frame[ip] & 0x0f) * 4 : 40;
    if ((v4 && (frame[ip] >> 4 & 0xf) != 4)
        || (!v4 && ((frame[ip] >> 4 & 0xf) != 6 || frame[ip + 6] != 6))) {
      return false;
    }
    int tcp = ip + ipHdrLen;
    if (tcp + 20 > len) {
      return false;
    }
    hdrLen = ipHdrLen + ((frame[tcp + 12] >> 4) & 0x0f) * 4;
    mss = le16(frame, 4);
    if (mss <= 0 || VNET_HDR + hdrLen > len) {
      return false;
    }
    next = VNET_HDR + hdrLen;
    return true;
  }

  /**
   * Copies the next packet into {@code out[0, ...)}; returns its length, or -1 when the frame is
   * used up.
   */
  int next(byte[] out) {
    if (!valid) {
      return -1;
    }
    if (mss == 0) {
      if (index++ > 0) {
        return -1;
      }
      int n = length - VNET_HDR;
      System.arraycopy(src, VNET_HDR, out, 0, n);
      return n;
    }
    if (next >= length) {
      return -1;
    }
    int data = Math.min(mss, length - next);
    boolean last = next + data >= length;
    System.arraycopy(src, VNET_HDR, out, 0, hdrLen);
    System.arraycopy(src, next, out, hdrLen, data);
    int total = hdrLen + data;
    if (v4) {
      Checksums.put16(out, 2, total);
      Checksums.put16(out, 4, Checksums.get16(src, VNET_HDR + 4) + index);
      Checksums.put16(out, 10, 0);
      Checksums.put16(out, 10, Checksums.finish(Checksums.add(0, out, 0, ipHdrLen)));
    } else {
      Checksums.put16(out, 4, total - 40);
    }
    int tcp = ipHdrLen;
    long seq =
        ((src[VNET_HDR + tcp + 4] & 0xffL) << 24
                | (src[VNET_HDR + tcp + 5] & 0xffL) << 16
                | (src[VNET_HDR + tcp + 6] & 0xffL) << 8
                | (src[VNET_HDR + tcp + 7] & 0xffL))
            + (long) index * mss;
    out[tcp + 4] = (byte) (seq >>> 24);
    out[tcp + 5] = (byte) (seq >>> 16);
    out[tcp + 6] = (byte) (seq >>> 8);
    out[tcp + 7] = (byte) seq;
    int flags = out[tcp + 13] & 0xff;
    if (!last) {
      flags &= ~0x09; // FIN, PSH only on the last segment
    }
    if (index > 0) {
      flags &= ~0x80; // CWR only on the first
    }
    out[tcp + 13] = (byte) flags;
    Checksums.put16(out, tcp + 16, 0);
    int tcpLen = total - ipHdrLen;
    long sum = v4 ? Checksums.add(0, out, 12, 8) : Checksums.add(0, out, 8, 32);
    sum += 6 + tcpLen;
    sum = Checksums.add(sum, out, tcp, tcpLen);
    Checksums.put16(out, tcp + 16, Checksums.finish(sum));
    next += data;
    index++;
    return total;
  }

  private static int le16(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
  }
}
