package wolf.actors.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One segment file: a {@link SegmentFile} header, then records ({@link RecordCodec}) with
 * contiguous LSNs from {@link #firstLsn}. Keeps its {@link SegmentIndex}, its last LSN, the term
 * and timestamp of its last record (the timestamp is retention's notion of age), and the term of
 * the record before its first ({@link #prevTerm}, from the header).
 *
 * <p>Thread-safety: the log's owner thread writes, truncates, renames and deletes; any thread may
 * {@link #read} concurrently, bounded by an LSN the owner has published. The owner writes through
 * its own channel with positional writes; readers share a second, read-only channel, opened lazily
 * and reopened if a reader's interrupt closed it, so an interrupted reader can never close the
 * writer's channel. Path changes and the reader channel are guarded by {@code this}.
 */
final class Segment {
  static final int READ_BUFFER = 64 * 1024;

  final long firstLsn;
  final long prevTerm;
  final SegmentIndex index;
  private volatile Path path;
  private volatile boolean open;
  private volatile long lastLsn;
  private volatile long lastTerm;
  private volatile long lastTimestamp;
  private volatile long size;
  private FileChannel writer; // owner only
  private FileChannel reader; // guarded by this
  private boolean deleted; // guarded by this

  /**
   * @param lastTerm term of the last record, {@code prevTerm} when empty
   */
  Segment(
      Path path,
      long firstLsn,
      long prevTerm,
      boolean open,
      long lastLsn,
      long lastTerm,
      long lastTimestamp,
      long size,
      SegmentIndex index) {
    this.path = path;
    this.firstLsn = firstLsn;
    this.prevTerm = prevTerm;
    this.open = open;
    this.lastLsn = lastLsn;
    this.lastTerm = lastTerm;
    this.lastTimestamp = lastTimestamp;
    this.size = size;
    this.index = index;
  }

  /**
   * Creates {@code wal-<firstLsn>.open} (or {@code .base}, for a reset, when {@code base}) with its
   * header, forced to disk if {@code fsync}. The caller forces the directory.
   *
   * @param prevTerm the term of record {@code firstLsn - 1}
   */
  static Segment create(Path dir, long firstLsn, long prevTerm, boolean base, boolean fsync)
      throws IOException {
    Path p = dir.resolve(base ? SegmentFile.baseName(firstLsn) : SegmentFile.openName(firstLsn));
    FileChannel ch =
        FileChannel.open(
            p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      ByteBuffer h = SegmentFile.header(firstLsn, prevTerm);
      while (h.hasRemaining()) {
        ch.write(h, h.position());
      }
      if (fsync) {
        ch.force(true);
      }
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    Segment s =
        new Segment(
            p,
            firstLsn,
            prevTerm,
            !base,
            firstLsn - 1,
            prevTerm,
            0,
            SegmentFile.HEADER_SIZE,
            new SegmentIndex());
    s.writer = ch;
    return s;
  }

  Path path() {
    return path;
  }

  boolean isOpen() {
    return open;
  }

  /** LSN of the last record, {@code firstLsn - 1} when empty. */
  long lastLsn() {
    return lastLsn;
  }

  /** Term of the last record; {@link #prevTerm} when empty. */
  long lastTerm() {
    return lastTerm;
  }

  long lastTimestamp() {
    return lastTimestamp;
  }

  /** Bytes of header and records. */
  long size() {
    return size;
  }

  boolean isEmpty() {
    return lastLsn < firstLsn;
  }

  /** Owner: opens the write channel of a recovered segment that becomes the active one. */
  void openWriter() throws IOException {
    if (writer == null) {
      writer = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
  }

  /**
   * Owner: writes {@code records} (whole encoded records) at the end and publishes them. The index
   * entries must be those of the records in the buffer.
   */
  void append(
      ByteBuffer records,
      long lastLsn,
      long lastTerm,
      long lastTimestamp,
      List<long[]> indexEntries)
      throws IOException {
    long at = size;
    while (records.hasRemaining()) {
      at += writer.write(records, at);
    }
    for (long[] e : indexEntries) {
      index.offer(e[0], e[1]);
    }
    this.size = at;
    this.lastTerm = lastTerm;
    this.lastTimestamp = lastTimestamp;
    this.lastLsn = lastLsn;
  }

  /** Owner: fdatasync. */
  void force() throws IOException {
    writer.force(false);
  }

  /** Owner: closes the write channel (the segment stays readable). */
  void closeWriter() throws IOException {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }

  /**
   * Owner: renames the file to its closed or open name (a {@code .base} segment becomes open). The
   * caller forces the directory.
   */
  void rename(boolean toOpen) throws IOException {
    String name =
        toOpen ? SegmentFile.openName(firstLsn) : SegmentFile.closedName(firstLsn, lastLsn);
    synchronized (this) {
      Path target = path.resolveSibling(name);
      Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
      path = target;
      open = toOpen;
    }
  }

  /**
   * Owner, with readers excluded: drops every record after {@code keepLsn} from the file, which
   * must end at a record boundary found by {@link #endOf}.
   */
  void truncate(long keepLsn, End end, boolean fsync) throws IOException {
    openWriter();
    writer.truncate(end.offset());
    if (fsync) {
      writer.force(true);
    }
    index.truncate(keepLsn);
    size = end.offset();
    lastLsn = keepLsn;
    lastTerm = end.term();
    lastTimestamp = end.timestamp();
  }

  /** Where record {@code lsn} ends in the file, and its term and timestamp. */
  record End(long offset, long term, long timestamp) {}

  /**
   * The end of record {@code lsn} ({@code HEADER_SIZE}, {@link #prevTerm} and 0 for {@code firstLsn
   * - 1}). Any thread.
   */
  End endOf(long lsn) throws IOException {
    if (lsn < firstLsn) {
      return new End(SegmentFile.HEADER_SIZE, prevTerm, 0);
    }
    long[] from = start(lsn);
    RecordScanner s = new RecordScanner(readChannel(), from[1], size, from[0], READ_BUFFER);
    try {
      while (s.next()) {
        if (s.lsn() == lsn) {
          return new End(s.nextOffset(), s.term(), s.timestamp());
        }
      }
    } catch (RecordCodec.BadRecord e) {
      throw new WalCorruptException(path, s.nextOffset(), e.getMessage());
    }
    throw new IllegalStateException(path + " does not hold LSN " + lsn);
  }

  /**
   * Reads records from {@code fromLsn} (in this segment) to {@code toLsn} (at most the published
   * last LSN) into {@code out}, stopping after {@code maxRecords} records in all or once {@code
   * maxBytes} have been read (at least one record is always read).
   *
   * @return bytes read (encoded sizes)
   * @throws WalCorruptException if a record fails its checks
   */
  long read(long fromLsn, long toLsn, int maxRecords, long maxBytes, List<WalRecord> out)
      throws IOException {
    long[] from = start(fromLsn);
    long bytes = 0;
    RecordScanner s = null;
    try {
      s = new RecordScanner(readChannel(), from[1], size, from[0], READ_BUFFER);
      while (out.size() < maxRecords && s.next()) {
        if (s.lsn() >= fromLsn) {
          out.add(s.record());
          bytes += s.size();
          if (s.lsn() >= toLsn || bytes >= maxBytes) {
            break;
          }
        }
      }
    } catch (RecordCodec.BadRecord e) {
      throw new WalCorruptException(path, s.nextOffset(), e.getMessage());
    } catch (ClosedChannelException e) {
      synchronized (this) {
        if (deleted) {
          throw new WalClosedException(path + " was deleted while being read", e);
        }
      }
      throw e;
    }
    return bytes;
  }

  private long[] start(long lsn) {
    long[] f = index.floor(lsn);
    return f != null ? f : new long[] {firstLsn, SegmentFile.HEADER_SIZE};
  }

  private synchronized FileChannel readChannel() throws IOException {
    if (deleted) {
      throw new WalClosedException(path + " is closed", null);
    }
    if (reader == null || !reader.isOpen()) {
      reader = FileChannel.open(path, StandardOpenOption.READ);
    }
    return reader;
  }

  /** Owner: closes both channels; the file stays. */
  synchronized void close() throws IOException {
    deleted = true;
    closeWriter();
    if (reader != null) {
      reader.close();
    }
  }

  /** Owner, with readers excluded: closes and deletes the file. */
  void delete() throws IOException {
    close();
    Files.deleteIfExists(path);
  }
}
