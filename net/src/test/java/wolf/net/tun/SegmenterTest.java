package wolf.net.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** TCP segmentation of TUN super-packets: what the kernel's own segmentation would produce. */
class SegmenterTest {
  private static final int MSS = 100;

  /** A vnet header + IPv4/TCP packet with {@code payload} bytes, flags PSH|FIN|CWR|ACK. */
  private static byte[] superPacket(int payload, int gsoType) {
    byte[] f = new byte[Segmenter.VNET_HDR + 40 + payload];
    f[1] = (byte) gsoType;
    f[4] = (byte) MSS;
    int ip = Segmenter.VNET_HDR;
    f[ip] = 0x45;
    Checksums.put16(f, ip + 2, 40 + payload);
    Checksums.put16(f, ip + 4, 0x1234);
    f[ip + 8] = 64;
    f[ip + 9] = 6;
    System.arraycopy(new byte[] {10, 0, 10, 1, 10, 0, 10, 2}, 0, f, ip + 12, 8);
    int tcp = ip + 20;
    Checksums.put16(f, tcp, 5000);
    Checksums.put16(f, tcp + 2, 80);
    f[tcp + 4] = (byte) 0xff; // sequence 0xfffffff0: wraps inside the segment run
    f[tcp + 5] = (byte) 0xff;
    f[tcp + 6] = (byte) 0xff;
    f[tcp + 7] = (byte) 0xf0;
    f[tcp + 12] = 0x50;
    f[tcp + 13] = (byte) (0x80 | 0x10 | 0x08 | 0x01);
    for (int i = 0; i < payload; i++) {
      f[ip + 40 + i] = (byte) (i * 7);
    }
    return f;
  }

  private static boolean ipChecksumOk(byte[] p) {
    return Checksums.finish(Checksums.add(0, p, 0, 20)) == 0;
  }

  private static boolean tcpChecksumOk(byte[] p, int len) {
    long sum = Checksums.add(0, p, 12, 8) + 6 + (len - 20);
    return Checksums.finish(Checksums.add(sum, p, 20, len - 20)) == 0;
  }

  @Test
  void aSuperPacketBecomesMssSizedSegmentsWithValidHeaders() {
    byte[] frame = superPacket(250, 1);
    Segmenter s = new Segmenter();
    assertTrue(s.load(frame, frame.length));
    byte[] out = new byte[2000];
    int[] sizes = {100, 100, 50};
    long[] seqs = {0xfffffff0L, 0x54L, 0xb8L};
    byte[] joined = new byte[250];
    for (int i = 0; i < 3; i++) {
      int n = s.next(out);
      assertEquals(40 + sizes[i], n);
      assertEquals(n, Checksums.get16(out, 2));
      assertEquals(0x1234 + i, Checksums.get16(out, 4));
      assertTrue(ipChecksumOk(out), "IP checksum of segment " + i);
      assertTrue(tcpChecksumOk(out, n), "TCP checksum of segment " + i);
      long seq =
          ((out[24] & 0xffL) << 24)
              | ((out[25] & 0xffL) << 16)
              | ((out[26] & 0xffL) << 8)
              | (out[27] & 0xffL);
      assertEquals(seqs[i], seq);
      int flags = out[33] & 0xff;
      assertEquals(i == 0, (flags & 0x80) != 0, "CWR only first");
      assertEquals(i == 2, (flags & 0x09) == 0x09, "FIN and PSH only last");
      System.arraycopy(out, 40, joined, i * 100, sizes[i]);
    }
    assertEquals(-1, s.next(out));
    assertArrayEquals(Arrays.copyOfRange(frame, Segmenter.VNET_HDR + 40, frame.length), joined);
  }

  @Test
  void aPartialChecksumIsCompleted() {
    byte[] frame = superPacket(30, 0);
    int ip = Segmenter.VNET_HDR;
    Checksums.put16(frame, ip + 10, Checksums.finish(Checksums.add(0, frame, ip, 20)));
    // the kernel leaves the pseudo-header sum in the field and asks us to finish it
    long pseudo = Checksums.add(0, frame, ip + 12, 8) + 6 + 50;
    while ((pseudo >>> 16) != 0) {
      pseudo = (pseudo & 0xffff) + (pseudo >>> 16);
    }
    Checksums.put16(frame, ip + 36, (int) pseudo);
    frame[0] = 1;
    frame[6] = 20; // csum_start (from the IP header)
    frame[8] = 16; // csum_offset
    Segmenter s = new Segmenter();
    assertTrue(s.load(frame, frame.length));
    byte[] out = new byte[200];
    int n = s.next(out);
    assertEquals(70, n);
    assertTrue(tcpChecksumOk(out, n));
    assertEquals(-1, s.next(out));
  }

  @Test
  void truncatedOrUnknownFramesYieldNothing() {
    Segmenter s = new Segmenter();
    byte[] out = new byte[200];
    assertFalse(s.load(new byte[12], 12));
    assertEquals(-1, s.next(out));
    byte[] udpGso = superPacket(30, 5);
    assertFalse(s.load(udpGso, udpGso.length));
    assertEquals(-1, s.next(out));
  }
}
