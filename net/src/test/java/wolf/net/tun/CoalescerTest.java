package wolf.net.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Receive coalescing: segments the {@link Segmenter} cut are joined back into one write. */
class CoalescerTest {
  private static final int VNET = Segmenter.VNET_HDR;

  /** Segments of a 250-byte super-packet (MSS 100), ACK|PSH on the last, each after header room. */
  private static List<byte[]> segments(int flags) {
    byte[] f = new byte[VNET + 40 + 250];
    f[1] = 1;
    f[4] = 100;
    f[VNET] = 0x45;
    Checksums.put16(f, VNET + 2, 290);
    f[VNET + 8] = 64;
    f[VNET + 9] = 6;
    System.arraycopy(new byte[] {10, 0, 10, 1, 10, 0, 10, 2}, 0, f, VNET + 12, 8);
    f[VNET + 32] = 0x50;
    f[VNET + 33] = (byte) flags;
    for (int i = 0; i < 250; i++) {
      f[VNET + 40 + i] = (byte) (i * 3);
    }
    Segmenter s = new Segmenter();
    s.load(f, f.length);
    List<byte[]> out = new ArrayList<>();
    byte[] seg = new byte[500];
    for (int n; (n = s.next(seg)) > 0; ) {
      byte[] b = new byte[VNET + n];
      System.arraycopy(seg, 0, b, VNET, n);
      out.add(b);
    }
    return out;
  }

  private static List<byte[]> write(List<byte[]> packets) throws Exception {
    byte[][] bufs = packets.toArray(new byte[0][]);
    int[] lens = Arrays.stream(bufs).mapToInt(b -> b.length - VNET).toArray();
    List<byte[]> writes = new ArrayList<>();
    new Coalescer().write(bufs, lens, bufs.length, (b, n) -> writes.add(Arrays.copyOf(b, n)));
    return writes;
  }

  @Test
  void consecutiveSegmentsOfAFlowBecomeOneTcpGsoWrite() throws Exception {
    List<byte[]> writes = write(segments(0x18));
    assertEquals(1, writes.size());
    byte[] j = writes.get(0);
    assertEquals(1, j[0], "NEEDS_CSUM");
    assertEquals(1, j[1], "GSO TCPv4");
    assertEquals(40, j[2]);
    assertEquals(100, j[4], "gso_size");
    assertEquals(20, j[6]);
    assertEquals(16, j[8]);
    assertEquals(290, Checksums.get16(j, VNET + 2));
    assertEquals(0, Checksums.finish(Checksums.add(0, j, VNET, 20)), "IP checksum");
    assertEquals(0x18, j[VNET + 33], "PSH from the last segment");
    for (int i = 0; i < 250; i++) {
      assertEquals((byte) (i * 3), j[VNET + 40 + i]);
    }
    long pseudo = Checksums.add(0, j, VNET + 12, 8) + 6 + 270;
    assertEquals(0xffff & ~Checksums.finish(pseudo), Checksums.get16(j, VNET + 36));
  }

  @Test
  void aGapOrAnotherFlagEndsTheRun() throws Exception {
    List<byte[]> segs = segments(0x18);
    List<byte[]> gap = List.of(segs.get(0), segs.get(2));
    List<byte[]> writes = write(gap);
    assertEquals(2, writes.size());
    for (byte[] w : writes) {
      assertEquals(LinuxTun.DATA_VALID, w[0]);
      assertEquals(0, w[1], "no GSO");
    }
    assertArrayEquals(
        Arrays.copyOfRange(segs.get(2), VNET, segs.get(2).length),
        Arrays.copyOfRange(writes.get(1), VNET, writes.get(1).length));
    // the segmenter leaves FIN on the last segment only; a FIN segment is never joined
    List<byte[]> fin = write(segments(0x19));
    assertEquals(2, fin.size());
    assertEquals(1, fin.get(0)[1], "the first two are joined");
    assertEquals(0, fin.get(1)[1], "the FIN segment goes alone");
    assertTrue(write(segments(0x10)).size() == 1);
  }
}
