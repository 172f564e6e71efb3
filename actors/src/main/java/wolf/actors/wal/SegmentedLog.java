package wolf.actors.wal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.CRC32C;
import wolf.config.WalSettings;

/**
 * The write-ahead log on disk, without actors: a directory of segments ({@link Segment}, named and
 * headed as {@link SegmentFile} says) holding records ({@link RecordCodec}) with contiguous LSNs
 * from 1. Only the last segment is written; it is closed (renamed {@code wal-<first>-<last>.seg})
 * when the next record would take it past {@link Options#segmentBytes()}, and a new {@code
 * wal-<first>.open} is started. A {@code wal.lock} file lock keeps a second process out.
 *
 * <p>Two LSNs are tracked explicitly: {@link #writtenLsn()} (handed to the OS) and {@link
 * #durableLsn()} (forced to disk by {@link #flush()}, or, with {@code fsync = false}, handed to the
 * OS). Readers never see a record after {@code writtenLsn}. {@link #lastTerm()} is the term of the
 * record at {@code writtenLsn}; each segment header holds the term of the record before its first,
 * so the log knows the term at {@code firstLsn() - 1} too, also after {@link #resetTo}.
 *
 * <p>Thread-safety: one owner thread calls the mutating methods ({@link #append}, {@link #flush},
 * {@link #truncateAfter}, {@link #resetTo}, {@link #deleteSegments}, {@link #close}); calls on it
 * must be ordered (happens-before), not necessarily on one thread. Any thread may call {@link
 * #read}, {@link #termAt}, the LSN and term getters and the change signals at any time. Appends and
 * readers never wait for each other; truncation, reset and segment deletion take the structure lock
 * exclusively, so they wait for reads in progress (each read is bounded) and readers wait for them.
 */
public final class SegmentedLog implements Closeable {

  /**
   * @param segmentBytes size at which a segment is closed; one record larger than this gets a
   *     segment of its own
   * @param compression LZ4-compress payloads when worth it
   * @param fsync force each {@link #flush()} (and segment roll) to disk
   */
  public record Options(long segmentBytes, boolean compression, boolean fsync) {
    public Options {
      if (segmentBytes < SegmentFile.HEADER_SIZE + RecordCodec.HEADER) {
        throw new IllegalArgumentException("segmentBytes too small: " + segmentBytes);
      }
    }

    public static Options from(WalSettings s) {
      return new Options((long) s.segmentSizeMb() << 20, s.compression(), s.fsync());
    }
  }

  /**
   * One record to append. A {@link WalRecord} is an entry that keeps its own LSN (it must be the
   * one the log gives next), term and timestamp: that is how a follower appends the leader's
   * records.
   */
  public interface Entry {
    long term();

    byte[] payload();

    static Entry of(long term, byte[] payload) {
      return new Simple(term, payload);
    }
  }

  private record Simple(long term, byte[] payload) implements Entry {}

  /**
   * The last truncation or reset: a tail that emitted past {@code lastKept} in an older epoch must
   * fail.
   */
  record Truncation(long epoch, long lastKept) {}

  /** {@code writtenLsn} and the term of the record there, published together. */
  private record Tip(long lsn, long term) {}

  private static final int BATCH_BUFFER = 1 << 20;

  private final Path dir;
  private final Options options;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ReentrantReadWriteLock structure = new ReentrantReadWriteLock();
  private final CRC32C crc = new CRC32C(); // owner only
  private final List<long[]> indexEntries = new ArrayList<>(); // owner only
  private final AtomicReference<CompletableFuture<Void>> durableChange =
      new AtomicReference<>(new CompletableFuture<>());
  private final AtomicReference<CompletableFuture<Void>> writtenChange =
      new AtomicReference<>(new CompletableFuture<>());
  private volatile List<Segment> segments;
  private volatile Tip tip;
  private volatile long durableLsn;
  private volatile Truncation truncation = new Truncation(0, 0);
  private volatile boolean closed;
  private ByteBuffer batch = ByteBuffer.allocateDirect(BATCH_BUFFER); // owner only

  private SegmentedLog(Path dir, Options options, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.options = options;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (creating if needed) the log in {@code dir}, recovering it as {@link Recovery} says.
   *
   * @throws WalCorruptException if a segment other than the tail is damaged
   * @throws IllegalStateException if the log is already open (in this or another process)
   */
  public static SegmentedLog open(Path dir, Options options) throws IOException {
    Files.createDirectories(dir);
    FileChannel lockChannel =
        FileChannel.open(
            dir.resolve("wal.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new IllegalStateException(dir + ": the WAL is already open");
    }
    SegmentedLog wal = new SegmentedLog(dir, options, lockChannel, lock);
    try {
      wal.segments = List.copyOf(Recovery.recover(dir, options.fsync()));
    } catch (IOException | RuntimeException e) {
      wal.releaseLock();
      throw e;
    }
    Segment active = wal.active();
    wal.tip = new Tip(active.lastLsn(), active.lastTerm());
    wal.durableLsn = active.lastLsn();
    return wal;
  }

  public Path directory() {
    return dir;
  }

  public Options options() {
    return options;
  }

  /** The first LSN still held (retention deletes older ones); {@code nextLsn()} if empty. */
  public long firstLsn() {
    return segments.get(0).firstLsn;
  }

  /** The LSN the next append gets. */
  public long nextLsn() {
    return tip.lsn() + 1;
  }

  /**
   * Highest LSN handed to the OS; what {@link #read} may return. 0 when nothing was written; {@code
   * lastLsn} after {@link #resetTo}, until the next append.
   */
  public long writtenLsn() {
    return tip.lsn();
  }

  /**
   * The term of the record at {@link #writtenLsn()} as of this call; after {@link #resetTo} with
   * nothing appended since, the reset's {@code lastTerm}; 0 for a new log.
   */
  public long lastTerm() {
    return tip.term();
  }

  /** Highest LSN made durable by {@link #flush()}. */
  public long durableLsn() {
    return durableLsn;
  }

  /**
   * Completes (normally) the next time {@link #durableLsn()} moves (up, or down by a truncation) or
   * the log closes. Fetch it before checking {@code durableLsn()} to never miss a change.
   */
  public CompletableFuture<Void> durableChange() {
    return durableChange.get();
  }

  /** Like {@link #durableChange()}, for {@link #writtenLsn()}. */
  public CompletableFuture<Void> writtenChange() {
    return writtenChange.get();
  }

  Truncation lastTruncation() {
    return truncation;
  }

  public boolean isClosed() {
    return closed;
  }

  /** The segment files, oldest first. */
  public List<Path> segmentFiles() {
    return segments.stream().map(Segment::path).toList();
  }

  private Segment active() {
    List<Segment> s = segments;
    return s.get(s.size() - 1);
  }

  /**
   * Owner: writes {@code entries} with LSNs {@code nextLsn()}, {@code nextLsn() + 1}, ..., with
   * {@code timestamp} (a {@link WalRecord} keeps its own). Written, not durable: call {@link
   * #flush()}. On an {@link IOException} the log is unusable; close it and open it again.
   *
   * @return the LSN of the first entry
   * @throws WalGapException if a {@link WalRecord} does not carry the LSN it would get; nothing is
   *     written then
   * @throws IllegalArgumentException if a payload is larger than {@link RecordCodec#MAX_PAYLOAD}
   */
  public long append(List<? extends Entry> entries, long timestamp) throws IOException {
    ensureOpen();
    Tip before = tip;
    long first = before.lsn() + 1;
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) instanceof WalRecord r && r.lsn() != first + i) {
        throw new WalGapException(first + i, r.lsn());
      }
    }
    long lsn = first;
    long lastTerm = before.term();
    long lastTs = timestamp;
    Segment seg = active();
    batch.clear();
    indexEntries.clear();
    for (Entry e : entries) {
      byte[] payload = e.payload();
      if (payload.length > RecordCodec.MAX_PAYLOAD) {
        throw new IllegalArgumentException(
            "payload of " + payload.length + " bytes exceeds " + RecordCodec.MAX_PAYLOAD);
      }
      ByteBuffer compressed = options.compression() ? Lz4Payloads.compress(payload) : null;
      byte flags = compressed != null ? RecordCodec.FLAG_LZ4 : 0;
      byte[] stored = compressed != null ? compressed.array() : payload;
      int storedLength = compressed != null ? compressed.limit() : payload.length;
      int size = RecordCodec.HEADER + storedLength;
      long offset = seg.size() + batch.position();
      if (offset > SegmentFile.HEADER_SIZE && offset + size > options.segmentBytes()) {
        write(seg, lsn - 1, lastTerm, lastTs);
        seg = roll();
        offset = seg.size();
      }
      if (batch.remaining() < size) {
        write(seg, lsn - 1, lastTerm, lastTs);
        if (batch.capacity() < size) {
          batch = ByteBuffer.allocateDirect(Math.max(size, BATCH_BUFFER));
        }
        offset = seg.size();
      }
      if (seg.index.wants(offset)
          && (indexEntries.isEmpty()
              || offset - indexEntries.get(indexEntries.size() - 1)[1] >= SegmentIndex.INTERVAL)) {
        indexEntries.add(new long[] {lsn, offset});
      }
      long ts = e instanceof WalRecord r ? r.timestamp() : timestamp;
      RecordCodec.encode(batch, lsn, e.term(), ts, flags, stored, storedLength, crc);
      lastTerm = e.term();
      lastTs = ts;
      lsn++;
    }
    write(seg, lsn - 1, lastTerm, lastTs);
    return first;
  }

  /**
   * Writes what is in the batch buffer to {@code seg} and publishes it up to {@code lastLsn}, the
   * record with {@code lastTerm} and {@code lastTs}.
   */
  private void write(Segment seg, long lastLsn, long lastTerm, long lastTs) throws IOException {
    if (batch.position() == 0) {
      return;
    }
    batch.flip();
    seg.append(batch, lastLsn, lastTerm, lastTs, indexEntries);
    batch.clear();
    indexEntries.clear();
    tip = new Tip(lastLsn, lastTerm);
    signal(writtenChange);
    if (!options.fsync()) {
      publishDurable(lastLsn);
    }
  }

  /** Closes the active segment and starts the next one. */
  private Segment roll() throws IOException {
    Segment old = active();
    if (options.fsync()) {
      old.force();
    }
    old.closeWriter();
    old.rename(false);
    Segment next = Segment.create(dir, old.lastLsn() + 1, old.lastTerm(), false, options.fsync());
    if (options.fsync()) {
      forceDirectory(dir);
    }
    List<Segment> s = new ArrayList<>(segments);
    s.add(next);
    segments = List.copyOf(s);
    return next;
  }

  /** Owner: makes everything written durable (fdatasync when {@code fsync}). */
  public void flush() throws IOException {
    ensureOpen();
    long w = tip.lsn();
    if (options.fsync()) {
      active().force();
    }
    publishDurable(w);
  }

  private void publishDurable(long lsn) {
    if (lsn != durableLsn) {
      durableLsn = lsn;
      signal(durableChange);
    }
  }

  private static void signal(AtomicReference<CompletableFuture<Void>> change) {
    change.getAndSet(new CompletableFuture<>()).complete(null);
  }

  private void signalAll() {
    signal(writtenChange);
    signal(durableChange);
  }

  /**
   * Reads records {@code fromLsn..min(toLsn, writtenLsn())}: at most {@code maxRecords}, and stops
   * after the record that reaches {@code maxBytes} (so at least one record when any is in range).
   * Safe from any thread; CRCs are checked.
   *
   * @return the records in LSN order; empty if {@code fromLsn > min(toLsn, writtenLsn())}
   * @throws WalPrunedException if {@code fromLsn} is before {@link #firstLsn()}
   * @throws WalCorruptException if a record read fails its checks
   */
  public List<WalRecord> read(long fromLsn, long toLsn, int maxRecords, long maxBytes)
      throws IOException {
    List<WalRecord> out = new ArrayList<>(Math.min(maxRecords, 1024));
    structure.readLock().lock();
    try {
      ensureOpen();
      long bound = Math.min(toLsn, tip.lsn());
      List<Segment> segs = segments;
      if (fromLsn < segs.get(0).firstLsn) {
        throw new WalPrunedException(fromLsn, segs.get(0).firstLsn);
      }
      long bytes = 0;
      int i = find(segs, fromLsn);
      long from = fromLsn;
      while (from <= bound && i < segs.size() && out.size() < maxRecords && bytes < maxBytes) {
        Segment s = segs.get(i++);
        if (s.isEmpty() || from > s.lastLsn()) {
          continue;
        }
        bytes += s.read(from, bound, maxRecords, maxBytes - bytes, out);
        from = out.isEmpty() ? from : out.get(out.size() - 1).lsn() + 1;
      }
    } finally {
      structure.readLock().unlock();
    }
    return out;
  }

  /** Index of the segment holding {@code lsn} (the last one whose first LSN is at most it). */
  private static int find(List<Segment> segs, long lsn) {
    int lo = 0;
    int hi = segs.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (segs.get(mid).firstLsn <= lsn) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /**
   * Owner: removes every record after {@code lsn}; the next append gets {@code lsn + 1}. A no-op
   * when nothing follows {@code lsn}. Durable (files truncated and forced, later segments deleted)
   * when it returns, if {@code fsync}.
   *
   * @throws WalPrunedException if records at or before {@code lsn} were already deleted by
   *     retention (so the log cannot end at {@code lsn})
   */
  public void truncateAfter(long lsn) throws IOException {
    ensureOpen();
    if (lsn >= tip.lsn()) {
      return;
    }
    if (lsn + 1 < firstLsn()) {
      throw new WalPrunedException(lsn + 1, firstLsn());
    }
    structure.writeLock().lock();
    try {
      List<Segment> segs = new ArrayList<>(segments);
      // Newest first, so a crash part-way leaves a contiguous log that ends later than asked.
      while (segs.size() > 1 && segs.get(segs.size() - 1).firstLsn > lsn) {
        segs.remove(segs.size() - 1).delete();
      }
      Segment keep = segs.get(segs.size() - 1);
      if (keep.lastLsn() > lsn) {
        keep.truncate(lsn, keep.endOf(lsn), options.fsync());
      }
      if (!keep.isOpen()) {
        keep.rename(true);
      }
      keep.openWriter();
      if (options.fsync()) {
        forceDirectory(dir);
      }
      segments = List.copyOf(segs);
      tip = new Tip(lsn, keep.lastTerm());
      durableLsn = lsn;
      truncation = new Truncation(truncation.epoch() + 1, lsn);
    } finally {
      structure.writeLock().unlock();
    }
    signalAll();
  }

  /**
   * Owner: replaces the whole log by an empty one whose next LSN is {@code lastLsn + 1} and whose
   * {@link #lastTerm()} is {@code lastTerm} (after a snapshot taken at {@code lastLsn} was
   * installed). Crash-safe: the new empty segment is created as {@code wal-<lastLsn+1>.base} and
   * forced with the directory first (from then on recovery completes the reset), then every old
   * segment is deleted and the directory forced, then it is renamed to {@code .open} and the
   * directory forced again. Records at or before {@code lastLsn} are gone ({@link
   * WalPrunedException}); tails that emitted records after it fail ({@link WalTruncatedException}).
   */
  public void resetTo(long lastLsn, long lastTerm) throws IOException {
    ensureOpen();
    if (lastLsn < 0 || lastLsn >= Long.MAX_VALUE - 1 || lastTerm < 0) {
      throw new IllegalArgumentException(
          "cannot reset to LSN " + lastLsn + " with term " + lastTerm);
    }
    structure.writeLock().lock();
    try {
      Segment base = Segment.create(dir, lastLsn + 1, lastTerm, true, options.fsync());
      boolean fsync = options.fsync();
      if (fsync) {
        forceDirectory(dir);
      }
      List<Segment> old = segments;
      segments = List.of(base);
      for (int i = old.size() - 1; i >= 0; i--) {
        old.get(i).delete();
      }
      if (fsync) {
        forceDirectory(dir);
      }
      base.rename(true);
      if (fsync) {
        forceDirectory(dir);
      }
      tip = new Tip(lastLsn, lastTerm);
      durableLsn = lastLsn;
      truncation = new Truncation(truncation.epoch() + 1, lastLsn);
    } finally {
      structure.writeLock().unlock();
    }
    signalAll();
  }

  /**
   * The term of record {@code lsn}: read from the record (blocking), or known for {@link
   * #writtenLsn()} and for {@code firstLsn() - 1} (from the first segment's header; 0 for LSN 0).
   *
   * @return empty if {@code lsn} is before {@code firstLsn() - 1} or after {@code writtenLsn()}
   * @throws WalCorruptException if the record fails its checks
   */
  public OptionalLong termAt(long lsn) throws IOException {
    structure.readLock().lock();
    try {
      ensureOpen();
      Tip t = tip;
      List<Segment> segs = segments;
      Segment head = segs.get(0);
      if (lsn == head.firstLsn - 1) {
        return OptionalLong.of(head.prevTerm);
      }
      if (lsn < head.firstLsn || lsn > t.lsn()) {
        return OptionalLong.empty();
      }
      if (lsn == t.lsn()) {
        return OptionalLong.of(t.term());
      }
      return OptionalLong.of(segs.get(find(segs, lsn)).endOf(lsn).term());
    } finally {
      structure.readLock().unlock();
    }
  }

  /**
   * Owner: deletes closed segments, oldest first, while each one's last LSN is at most {@code
   * maxLastLsn} and its last record is older than {@code olderThanMillis} (epoch ms). Stops at the
   * first segment that does not qualify, so the log stays contiguous; never deletes the active
   * segment.
   *
   * @return the deleted files
   */
  public List<Path> deleteSegments(long maxLastLsn, long olderThanMillis) throws IOException {
    ensureOpen();
    List<Segment> segs = segments;
    int n = 0;
    while (n < segs.size() - 1) {
      Segment s = segs.get(n);
      if (s.isOpen() || s.lastLsn() > maxLastLsn || s.lastTimestamp() >= olderThanMillis) {
        break;
      }
      n++;
    }
    if (n == 0) {
      return List.of();
    }
    List<Path> deleted = new ArrayList<>();
    structure.writeLock().lock();
    try {
      segments = List.copyOf(segs.subList(n, segs.size()));
      for (Segment s : segs.subList(0, n)) {
        deleted.add(s.path());
        s.delete();
      }
    } finally {
      structure.writeLock().unlock();
    }
    return deleted;
  }

  /** Owner: forces (if {@code fsync}) and closes every file. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    structure.writeLock().lock();
    try {
      closed = true;
      try {
        if (options.fsync()) {
          active().force();
        }
      } finally {
        for (Segment s : segments) {
          s.close();
        }
        releaseLock();
      }
    } finally {
      structure.writeLock().unlock();
      signalAll();
    }
  }

  private void releaseLock() throws IOException {
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new WalClosedException(dir + ": the WAL is closed", null);
    }
  }

  /** fsyncs a directory, making file creations, renames and deletions in it durable. */
  static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
