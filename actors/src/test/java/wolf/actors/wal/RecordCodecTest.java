package wolf.actors.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The record frame and LZ4 payloads. */
class RecordCodecTest {
  private final CRC32C crc = new CRC32C();

  private ByteBuffer encode(long lsn, byte[] payload, boolean compress) {
    ByteBuffer stored = compress ? Lz4Payloads.compress(payload) : null;
    byte flags = stored != null ? RecordCodec.FLAG_LZ4 : 0;
    byte[] bytes = stored != null ? stored.array() : payload;
    int n = stored != null ? stored.limit() : payload.length;
    ByteBuffer direct = ByteBuffer.allocateDirect(RecordCodec.HEADER + n);
    RecordCodec.encode(direct, lsn, 7, 123_456L, flags, bytes, n, crc);
    direct.flip();
    ByteBuffer heap = ByteBuffer.allocate(direct.remaining());
    heap.put(direct).flip();
    return heap;
  }

  @Test
  void aRecordRoundTripsWithAndWithoutCompression() throws Exception {
    byte[] text = "UPDATE t SET x = 1 WHERE id = 42; ".repeat(20).getBytes();
    for (boolean compress : new boolean[] {false, true}) {
      ByteBuffer b = encode(5, text, compress);
      assertEquals(b.limit(), RecordCodec.check(b, 0, 5, crc));
      WalRecord r = RecordCodec.decode(b, 0);
      assertEquals(new WalRecord(5, 7, 123_456L, text), r);
      if (compress) {
        assertTrue(b.limit() < RecordCodec.HEADER + text.length / 2, "text compresses");
      }
    }
  }

  @Test
  void compressionIsKeptOnlyWhenWorthIt() {
    byte[] random = new byte[1000];
    new Random(1).nextBytes(random);
    assertNull(Lz4Payloads.compress(random), "random bytes do not compress");
    assertNull(Lz4Payloads.compress(new byte[Lz4Payloads.MIN_SIZE - 1]), "too small to bother");
    ByteBuffer zeros = Lz4Payloads.compress(new byte[1000]);
    assertNotNull(zeros);
    assertArrayEquals(
        new byte[1000], Lz4Payloads.decompress(zeros.array(), 0, zeros.limit(), 1 << 20));
  }

  @Test
  void damageIsDetected() throws Exception {
    byte[] p = new byte[100];
    new Random(2).nextBytes(p);
    ByteBuffer good = encode(9, p, false);
    for (int i = 0; i < good.limit(); i++) {
      ByteBuffer bad = ByteBuffer.allocate(good.limit());
      bad.put(good.duplicate()).flip();
      bad.put(i, (byte) (bad.get(i) ^ 0x10));
      int at = i;
      try {
        int n = RecordCodec.check(bad, 0, 9, crc);
        assertEquals(-1, n, "byte " + at + " flipped went unnoticed");
      } catch (RecordCodec.BadRecord expected) {
        // detected
      }
    }
    assertThrows(RecordCodec.BadRecord.class, () -> RecordCodec.check(good, 0, 10, crc));
    ByteBuffer torn = ByteBuffer.wrap(good.array(), 0, good.limit() - 1);
    assertEquals(-1, RecordCodec.check(torn, 0, 9, crc), "a torn record needs more bytes");
  }
}
