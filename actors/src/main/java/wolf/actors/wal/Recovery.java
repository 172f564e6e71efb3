package wolf.actors.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the segments of a log directory and checks every record of every segment (length, CRC32C,
 * LSN continuity, flags), several segments in parallel, rebuilding their sparse indexes on the way.
 *
 * <ul>
 *   <li>The last segment is the one that was being written. A torn or corrupt record there, and
 *       everything after it, is cut off with a WARN naming the file, the offset and the bytes
 *       dropped. If it is zero-length, or shorter than its header (a crash while creating it), it
 *       is removed with a WARN.
 *   <li>Every other segment must be closed and whole: a bad record, a trailing partial record, a
 *       last LSN that disagrees with its name, or a gap in LSNs between segments is a {@link
 *       WalCorruptException} naming segment and offset. Nothing is ever skipped.
 *   <li>If the last segment is closed (a crash between closing one segment and creating the next)
 *       it is checked as closed, then renamed back to open; the next append rolls it.
 *   <li>A {@code .base} segment is a reset ({@link SegmentedLog#resetTo}) that a crash interrupted.
 *       With a whole header, the reset had committed: every other segment is deleted and it becomes
 *       the open segment. Without one (a crash while creating it), it is deleted and the log stays
 *       as it was.
 *   <li>Each segment's header names the term of the record before its first; it must be the term of
 *       the previous segment's last record.
 * </ul>
 *
 * Not thread-safe; runs once, before the log is used.
 */
final class Recovery {
  private static final Logger log = LoggerFactory.getLogger(Recovery.class);
  private static final int SCAN_BUFFER = 1 << 20;

  private Recovery() {}

  /** A segment file found in the directory. */
  private record Found(Path path, SegmentFile.Name name, long fileSize) {}

  /**
   * Recovers {@code dir}; returns the segments in LSN order, the last one open and ready for
   * writing (its write channel opened). Creates the first segment (LSN 1) in an empty directory.
   */
  static List<Segment> recover(Path dir, boolean fsync) throws IOException {
    List<Found> found = list(dir);
    if (finishReset(dir, found)) {
      found = list(dir);
    }
    for (int i = 1; i < found.size(); i++) {
      if (found.get(i - 1).name().firstLsn() == found.get(i).name().firstLsn()) {
        throw new WalCorruptException(found.get(i).path(), 0, "two segments start at the same LSN");
      }
    }
    long nextFirst = 1;
    // A zero-length or headless last segment is a crash while creating it: remove it.
    while (!found.isEmpty()) {
      Found last = found.get(found.size() - 1);
      if (!last.name().open() || last.fileSize() >= SegmentFile.HEADER_SIZE) {
        break;
      }
      log.warn(
          "{}: removing open segment of {} bytes, shorter than its header (dropped {} bytes)",
          last.path(),
          last.fileSize(),
          last.fileSize());
      Files.delete(last.path());
      nextFirst = last.name().firstLsn();
      found.remove(found.size() - 1);
    }
    if (found.isEmpty()) {
      // Only the very first segment can be lost this way (a roll or a reset never removes the
      // segment before the one it creates), so the previous term is that of nothing: 0.
      return List.of(Segment.create(dir, nextFirst, 0, false, fsync));
    }
    List<Segment> segments = scanAll(found);
    for (int i = 1; i < segments.size(); i++) {
      Segment prev = segments.get(i - 1);
      Segment s = segments.get(i);
      if (s.firstLsn != prev.lastLsn() + 1) {
        throw new WalCorruptException(
            s.path(),
            0,
            "starts at LSN "
                + s.firstLsn
                + " but the previous segment "
                + prev.path().getFileName()
                + " ends at LSN "
                + prev.lastLsn());
      }
      if (s.prevTerm != prev.lastTerm()) {
        throw new WalCorruptException(
            s.path(),
            0,
            "header says the previous record has term "
                + s.prevTerm
                + " but "
                + prev.path().getFileName()
                + " ends with term "
                + prev.lastTerm());
      }
    }
    for (int i = 0; i < segments.size() - 1; i++) {
      Segment s = segments.get(i);
      if (s.isOpen()) {
        log.info("{}: open segment followed by another one: checked whole, closing it", s.path());
        s.rename(false);
      }
    }
    Segment active = segments.get(segments.size() - 1);
    if (!active.isOpen()) {
      active.rename(true);
    }
    active.openWriter();
    if (fsync) {
      active.force();
      SegmentedLog.forceDirectory(dir);
    }
    return segments;
  }

  /**
   * Completes or discards a reset a crash interrupted (see the class comment).
   *
   * @return whether files were deleted or renamed
   */
  private static boolean finishReset(Path dir, List<Found> found) throws IOException {
    List<Found> bases =
        found.stream().filter(f -> f.name().state() == SegmentFile.State.BASE).toList();
    if (bases.isEmpty()) {
      return false;
    }
    if (bases.size() > 1) {
      throw new WalCorruptException(bases.get(1).path(), 0, "two reset (.base) segments");
    }
    Found base = bases.get(0);
    ByteBuffer h = ByteBuffer.allocate(SegmentFile.HEADER_SIZE);
    try (FileChannel ch = FileChannel.open(base.path(), StandardOpenOption.READ)) {
      while (h.hasRemaining() && ch.read(h, h.position()) >= 0) {
        // read the whole header
      }
    }
    try {
      SegmentFile.checkHeader(h.flip(), base.path(), base.name().firstLsn());
    } catch (WalCorruptException e) {
      log.warn(
          "{}: removing an unfinished reset segment ({}); the log stays as it was",
          base.path(),
          e.reason());
      Files.delete(base.path());
      SegmentedLog.forceDirectory(dir);
      return true;
    }
    int old = 0;
    for (Found f : found) {
      if (f != base) {
        Files.delete(f.path());
        old++;
      }
    }
    SegmentedLog.forceDirectory(dir);
    Files.move(
        base.path(),
        base.path().resolveSibling(SegmentFile.openName(base.name().firstLsn())),
        StandardCopyOption.ATOMIC_MOVE);
    SegmentedLog.forceDirectory(dir);
    log.warn(
        "{}: finished a reset that a crash interrupted: deleted {} older segment(s); the log"
            + " now starts empty at LSN {}",
        base.path(),
        old,
        base.name().firstLsn());
    return true;
  }

  private static List<Found> list(Path dir) throws IOException {
    List<Found> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        var name = SegmentFile.parse(p);
        if (name.isPresent()) {
          found.add(new Found(p, name.get(), Files.size(p)));
        }
      }
    }
    found.sort(Comparator.comparingLong(f -> f.name().firstLsn()));
    return found;
  }

  private static List<Segment> scanAll(List<Found> found) throws IOException {
    int threads = Math.min(found.size(), Math.max(1, Runtime.getRuntime().availableProcessors()));
    if (threads == 1) {
      List<Segment> out = new ArrayList<>();
      for (int i = 0; i < found.size(); i++) {
        out.add(scan(found.get(i), i == found.size() - 1));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Segment>> futures = new ArrayList<>();
      for (int i = 0; i < found.size(); i++) {
        Found f = found.get(i);
        boolean tail = i == found.size() - 1;
        futures.add(pool.submit(() -> scan(f, tail)));
      }
      List<Segment> out = new ArrayList<>();
      for (Future<Segment> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while recovering the WAL", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof WalCorruptException w) {
        throw new WalCorruptException(w.segment(), w.offset(), w.reason());
      } else if (c instanceof IOException io) {
        throw io;
      } else if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IllegalStateException("WAL recovery failed", c);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Checks one segment. A bad record in the {@code tail} open segment truncates it there; anywhere
   * else it is corruption.
   */
  private static Segment scan(Found f, boolean tail) throws IOException {
    boolean lenient = tail && f.name().open();
    long first = f.name().firstLsn();
    try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
      ByteBuffer h = ByteBuffer.allocate(SegmentFile.HEADER_SIZE);
      while (h.hasRemaining() && ch.read(h, h.position()) >= 0) {
        // read the whole header
      }
      long prevTerm = SegmentFile.checkHeader(h.flip(), f.path(), first);
      SegmentIndex index = new SegmentIndex();
      long size = ch.size();
      RecordScanner s = new RecordScanner(ch, SegmentFile.HEADER_SIZE, size, first, SCAN_BUFFER);
      long lastLsn = first - 1;
      long lastTerm = prevTerm;
      long lastTs = 0;
      long end = SegmentFile.HEADER_SIZE;
      try {
        while (s.next()) {
          index.offer(s.lsn(), s.offset());
          lastLsn = s.lsn();
          lastTerm = s.term();
          lastTs = s.timestamp();
          end = s.nextOffset();
        }
      } catch (RecordCodec.BadRecord e) {
        if (!lenient) {
          throw new WalCorruptException(f.path(), end, e.getMessage());
        }
        log.warn(
            "{}: torn or corrupt record at offset {} ({}); truncating the segment there, dropping"
                + " {} bytes after LSN {}",
            f.path(),
            end,
            e.getMessage(),
            size - end,
            lastLsn);
        try (FileChannel w = FileChannel.open(f.path(), StandardOpenOption.WRITE)) {
          w.truncate(end);
          w.force(true);
        }
        size = end;
      }
      if (!f.name().open()) {
        if (lastLsn < first) {
          throw new WalCorruptException(f.path(), end, "closed segment holds no record");
        }
        if (lastLsn != f.name().lastLsn()) {
          throw new WalCorruptException(
              f.path(),
              end,
              "closed segment ends at LSN " + lastLsn + " but its name says " + f.name().lastLsn());
        }
      }
      return new Segment(
          f.path(), first, prevTerm, f.name().open(), lastLsn, lastTerm, lastTs, size, index);
    }
  }
}
