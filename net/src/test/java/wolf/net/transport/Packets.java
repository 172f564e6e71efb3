package wolf.net.transport;

import java.nio.ByteBuffer;

/** Builds minimal inner IP packets for tests. */
public final class Packets {
  private Packets() {}

  /** An IPv4 packet with a 20-byte header and {@code payload} bytes of a counting pattern. */
  public static byte[] ipv4(String src, String dst, int payload) {
    byte[] p = new byte[20 + payload];
    p[0] = 0x45;
    p[2] = (byte) (p.length >>> 8);
    p[3] = (byte) p.length;
    p[8] = 64;
    p[9] = 17;
    System.arraycopy(Cidr.parse(src).address(), 0, p, 12, 4);
    System.arraycopy(Cidr.parse(dst).address(), 0, p, 16, 4);
    for (int i = 20; i < p.length; i++) {
      p[i] = (byte) i;
    }
    return p;
  }

  /** An IPv6 packet with a 40-byte header and {@code payload} bytes. */
  public static byte[] ipv6(String src, String dst, int payload) {
    ByteBuffer b = ByteBuffer.allocate(40 + payload);
    b.put((byte) 0x60).put((byte) 0).putShort((short) 0);
    b.putShort((short) payload).put((byte) 17).put((byte) 64);
    b.put(Cidr.parse(src).address()).put(Cidr.parse(dst).address());
    return b.array();
  }
}
