package wolf.actors.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Walks the records of one segment file in order with positional reads, validating each frame
 * ({@link RecordCodec#check}): length, CRC32C, expected LSN, flags. Used by recovery (the whole
 * file) and by readers (from an index entry up to a bound). Buffers through a heap buffer that
 * grows to fit the largest record met.
 *
 * <p>Not thread-safe: one scanner per thread. Positional reads leave the channel's position alone,
 * so many scanners may share a channel.
 */
final class RecordScanner {
  private final FileChannel channel;
  private final long end;
  private final CRC32C crc = new CRC32C();
  private ByteBuffer buf;
  private long bufStart; // file offset of buf[0]
  private int pos; // index in buf of the next record
  private int current = -1; // index in buf of the current record
  private int currentSize;
  private long expectedLsn;

  /**
   * @param start file offset of the first record to read
   * @param end file offset where records end (the file size, or a bound the caller knows)
   * @param firstLsn the LSN the record at {@code start} must have
   */
  RecordScanner(FileChannel channel, long start, long end, long firstLsn, int bufferSize) {
    this.channel = channel;
    this.end = end;
    this.expectedLsn = firstLsn;
    this.buf = ByteBuffer.allocate(bufferSize);
    this.buf.limit(0);
    this.bufStart = start;
  }

  /**
   * Moves to the next record.
   *
   * @return false when the end offset is reached exactly (no bytes left)
   * @throws RecordCodec.BadRecord if the bytes at {@link #nextOffset()} are not a valid record,
   *     including a record cut short by the end offset (a torn write)
   */
  boolean next() throws IOException, RecordCodec.BadRecord {
    if (nextOffset() >= end) {
      return false;
    }
    while (true) {
      int n = RecordCodec.check(buf, pos, expectedLsn, crc);
      if (n > 0) {
        current = pos;
        currentSize = n;
        pos += n;
        expectedLsn++;
        return true;
      }
      if (!fill()) {
        throw new RecordCodec.BadRecord(
            (buf.limit() - pos < RecordCodec.FRAME
                    ? "incomplete record header"
                    : "incomplete record")
                + ": "
                + (end - nextOffset())
                + " bytes before the end");
      }
    }
  }

  /** Reads more bytes after the unparsed ones; false if there are none before {@code end}. */
  private boolean fill() throws IOException {
    long fileOffset = bufStart + buf.limit();
    if (fileOffset >= end) {
      return false;
    }
    int left = buf.limit() - pos;
    int need = left >= RecordCodec.FRAME ? RecordCodec.FRAME + buf.getInt(pos) : RecordCodec.FRAME;
    ByteBuffer target = buf;
    if (need > buf.capacity()) {
      target = ByteBuffer.allocate(Math.max(need, buf.capacity() * 2));
    }
    System.arraycopy(buf.array(), pos, target.array(), 0, left);
    bufStart += pos;
    if (current >= 0) {
      current = -1; // the current record's bytes are gone from the buffer
    }
    buf = target;
    pos = 0;
    buf.limit(buf.capacity()).position(left);
    int want = (int) Math.min(buf.capacity() - left, end - fileOffset);
    buf.limit(left + want);
    while (buf.hasRemaining()) {
      int r = channel.read(buf, bufStart + buf.position());
      if (r < 0) {
        break;
      }
    }
    buf.limit(buf.position()).position(0);
    return buf.limit() > left;
  }

  /** File offset of the current record. */
  long offset() {
    return bufStart + current;
  }

  /** File offset just after the current record (where the next one starts). */
  long nextOffset() {
    return bufStart + pos;
  }

  int size() {
    return currentSize;
  }

  /** LSN of the current record. */
  long lsn() {
    return expectedLsn - 1;
  }

  long term() {
    return RecordCodec.term(buf, current);
  }

  long timestamp() {
    return RecordCodec.timestamp(buf, current);
  }

  /** The current record, decoded. */
  WalRecord record() throws RecordCodec.BadRecord {
    return RecordCodec.decode(buf, current);
  }
}
