package wolf.actors.wal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The record frame. Big-endian, no padding:
 *
 * <pre>
 * offset size field
 *  0     4    length     bytes after the CRC field: 25 + stored payload length
 *  4     4    crc32c     CRC32C of the {@code length} bytes that follow
 *  8     8    lsn
 * 16     8    term
 * 24     8    timestamp  epoch milliseconds of the group commit
 * 32     1    flags      bit 0: payload is LZ4 ({@link Lz4Payloads}); other bits must be 0
 * 33     n    payload    as given, or its LZ4 form when bit 0 is set
 * </pre>
 *
 * <p>A record is valid when its length is in range, it fits in the file, its CRC matches, its LSN
 * is the expected one and no unknown flag is set. Stateless; callers pass their own {@link CRC32C}
 * (not thread-safe), so the class itself is thread-safe.
 */
final class RecordCodec {
  static final int FRAME = 8; // length + crc
  static final int BODY_HEADER = 25; // lsn + term + timestamp + flags
  static final int HEADER = FRAME + BODY_HEADER;

  /** Largest payload a record may carry, in bytes. */
  static final int MAX_PAYLOAD = 16 << 20;

  static final int MAX_BODY = BODY_HEADER + MAX_PAYLOAD;
  static final byte FLAG_LZ4 = 1;
  private static final int KNOWN_FLAGS = FLAG_LZ4;

  private RecordCodec() {}

  /** Why bytes are not a valid record. Stackless: recovery meets these on every torn tail. */
  static final class BadRecord extends Exception {
    BadRecord(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * Encodes one record at {@code dst}'s position and advances it.
   *
   * @param stored the payload as stored: its first {@code n} bytes
   */
  static void encode(
      ByteBuffer dst,
      long lsn,
      long term,
      long timestamp,
      byte flags,
      byte[] stored,
      int n,
      CRC32C crc) {
    int start = dst.position();
    dst.putInt(BODY_HEADER + n).putInt(0).putLong(lsn).putLong(term).putLong(timestamp).put(flags);
    dst.put(stored, 0, n);
    int end = dst.position();
    int limit = dst.limit();
    dst.position(start + FRAME).limit(end);
    crc.reset();
    crc.update(dst);
    dst.limit(limit).position(end);
    dst.putInt(start + 4, (int) crc.getValue());
  }

  /**
   * Total size of the record at {@code pos} if the buffer holds it all, or {@code -1} if more bytes
   * are needed to tell. {@code buf} is a heap buffer; its limit is the end of valid data.
   *
   * @throws BadRecord if the bytes present already prove it invalid
   */
  static int check(ByteBuffer buf, int pos, long expectedLsn, CRC32C crc) throws BadRecord {
    int avail = buf.limit() - pos;
    if (avail < FRAME) {
      return -1;
    }
    int length = buf.getInt(pos);
    if (length < BODY_HEADER || length > MAX_BODY) {
      throw new BadRecord("invalid record length " + length);
    }
    if (avail < FRAME + length) {
      return -1;
    }
    crc.reset();
    crc.update(buf.array(), buf.arrayOffset() + pos + FRAME, length);
    int stored = buf.getInt(pos + 4);
    if ((int) crc.getValue() != stored) {
      throw new BadRecord("CRC32C mismatch");
    }
    long lsn = buf.getLong(pos + FRAME);
    if (lsn != expectedLsn) {
      throw new BadRecord("LSN " + lsn + " where " + expectedLsn + " was expected");
    }
    byte flags = buf.get(pos + FRAME + 24);
    if ((flags & ~KNOWN_FLAGS) != 0) {
      throw new BadRecord("unknown flags " + flags);
    }
    return FRAME + length;
  }

  /** Term of a record that {@link #check} accepted. */
  static long term(ByteBuffer buf, int pos) {
    return buf.getLong(pos + FRAME + 8);
  }

  /** Timestamp of a record that {@link #check} accepted. */
  static long timestamp(ByteBuffer buf, int pos) {
    return buf.getLong(pos + FRAME + 16);
  }

  /** Decodes a record that {@link #check} accepted, undoing compression. */
  static WalRecord decode(ByteBuffer buf, int pos) throws BadRecord {
    int length = buf.getInt(pos);
    long lsn = buf.getLong(pos + FRAME);
    byte flags = buf.get(pos + FRAME + 24);
    int off = buf.arrayOffset() + pos + HEADER;
    int n = length - BODY_HEADER;
    byte[] payload;
    if ((flags & FLAG_LZ4) != 0) {
      try {
        payload = Lz4Payloads.decompress(buf.array(), off, n, MAX_PAYLOAD);
      } catch (IllegalArgumentException e) {
        throw new BadRecord(e.getMessage());
      }
    } else {
      payload = new byte[n];
      System.arraycopy(buf.array(), off, payload, 0, n);
    }
    return new WalRecord(lsn, term(buf, pos), timestamp(buf, pos), payload);
  }
}
