package wolf.actors.wal;

import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * LZ4 block compression of record payloads. A compressed payload is stored as its original length
 * (4 bytes, big-endian) followed by one LZ4 block. Compression is kept only when it is worth it:
 * the payload is at least {@value #MIN_SIZE} bytes and the stored form saves at least 1/8 of it.
 * Thread-safe (the LZ4 instances are stateless).
 */
final class Lz4Payloads {
  static final int MIN_SIZE = 64;

  private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
  private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();

  private Lz4Payloads() {}

  /**
   * The stored form of {@code payload} if compressing it is worth it, else {@code null}.
   *
   * @return a buffer positioned at 0 whose limit is the stored length
   */
  static ByteBuffer compress(byte[] payload) {
    int n = payload.length;
    if (n < MIN_SIZE) {
      return null;
    }
    int budget = n - n / 8 - 4; // the most compressed bytes we would keep
    byte[] out = new byte[4 + COMPRESSOR.maxCompressedLength(n)];
    int c = COMPRESSOR.compress(payload, 0, n, out, 4, out.length - 4);
    if (c > budget) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(out, 0, 4 + c);
    b.putInt(0, n);
    return b;
  }

  /**
   * Undoes {@link #compress}. {@code stored} holds the original length then the block.
   *
   * @throws IllegalArgumentException if the block does not decode to the recorded length
   */
  static byte[] decompress(byte[] src, int off, int len, int maxSize) {
    if (len < 4) {
      throw new IllegalArgumentException("compressed payload shorter than its length prefix");
    }
    int n = ByteBuffer.wrap(src, off, 4).getInt();
    if (n < 0 || n > maxSize) {
      throw new IllegalArgumentException("compressed payload claims " + n + " bytes");
    }
    byte[] out = new byte[n];
    try {
      int got = DECOMPRESSOR.decompress(src, off + 4, len - 4, out, 0, n);
      if (got != n) {
        throw new IllegalArgumentException("LZ4 block gave " + got + " bytes, expected " + n);
      }
    } catch (LZ4Exception e) {
      throw new IllegalArgumentException("LZ4 block does not decode: " + e.getMessage(), e);
    }
    return out;
  }
}
