package wolf.net.transport;

/**
 * Reads the few fields of an inner IP packet that the data path needs. Stateless; never allocates.
 */
public final class InnerPacket {
  private InnerPacket() {}

  /** 4 or 6 if the buffer starts with a complete fixed IPv4/IPv6 header, else 0. */
  public static int version(byte[] p, int off, int len) {
    if (len < 1) {
      return 0;
    }
    int v = (p[off] & 0xff) >>> 4;
    if (v == 4 && len >= 20) {
      return 4;
    }
    return v == 6 && len >= 40 ? 6 : 0;
  }

  /**
   * The length the IP header declares for the whole packet, or -1 if the header is missing,
   * inconsistent, or declares more than {@code len} bytes. Bytes past it are padding.
   */
  public static int declaredLength(byte[] p, int off, int len) {
    int v = version(p, off, len);
    int declared;
    if (v == 4) {
      int ihl = (p[off] & 0x0f) * 4;
      declared = ((p[off + 2] & 0xff) << 8) | (p[off + 3] & 0xff);
      if (ihl < 20 || declared < ihl) {
        return -1;
      }
    } else if (v == 6) {
      declared = 40 + (((p[off + 4] & 0xff) << 8) | (p[off + 5] & 0xff));
    } else {
      return -1;
    }
    return declared <= len ? declared : -1;
  }

  /** Offset of the source address inside the packet (12 for IPv4, 8 for IPv6). */
  public static int sourceOffset(int version) {
    return version == 4 ? 12 : 8;
  }
}
