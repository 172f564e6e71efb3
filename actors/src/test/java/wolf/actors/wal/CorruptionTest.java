package wolf.actors.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Damaged files: garbage in the tail segment is cut off exactly at the record it hits, with a
 * warning naming file, offset and bytes dropped; damage anywhere else is a {@link
 * WalCorruptException} naming segment and offset. Seeded like {@link SegmentedLogPropertyTest}.
 */
class CorruptionTest {
  private static final SegmentedLog.Options OPTIONS = new SegmentedLog.Options(4096, true, false);

  @TempDir Path tmp;
  private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
  private final Logger recoveryLog = (Logger) LoggerFactory.getLogger(Recovery.class);

  @BeforeEach
  void captureWarnings() {
    warnings.start();
    recoveryLog.addAppender(warnings);
  }

  @AfterEach
  void release() {
    recoveryLog.detachAppender(warnings);
  }

  /** Where each record of a segment starts, with its LSN, from a scan of the intact file. */
  private record Frame(long lsn, long start, long end) {}

  @Test
  void garbageInTheTailTruncatesToTheLastValidRecord() {
    WalTestSupport.forEachSeed(
        10,
        seed -> {
          try {
            garbageInTail(seed);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private void garbageInTail(long seed) throws IOException {
    Random r = new Random(seed);
    Path dir = tmp.resolve("tail-" + Long.toUnsignedString(seed));
    List<WalRecord> written = fill(dir, r, 40 + r.nextInt(80));
    List<Path> files = files(dir);
    Path tail = files.get(files.size() - 1);
    List<Frame> frames = frames(tail, firstLsnOf(tail));
    long size = Files.size(tail);
    if (frames.isEmpty()) {
      return; // the tail holds no record to damage this time
    }
    long at = SegmentFile.HEADER_SIZE + (long) r.nextInt((int) (size - SegmentFile.HEADER_SIZE));
    byte[] garbage = new byte[1 + r.nextInt(16)];
    r.nextBytes(garbage);
    byte[] old = read(tail, at, garbage.length);
    garbage[0] = (byte) (old[0] ^ (1 + r.nextInt(255))); // at least the first byte changes
    write(tail, at, garbage);
    Frame hit = frames.stream().filter(f -> f.start() <= at && at < f.end()).findFirst().get();

    warnings.list.clear();
    try (SegmentedLog log = SegmentedLog.open(dir, OPTIONS)) {
      assertEquals(hit.lsn() - 1, log.writtenLsn(), "last LSN after recovery");
      assertEquals(hit.start(), Files.size(log.segmentFiles().get(files.size() - 1)), "file size");
      assertEquals(
          written.subList(0, (int) hit.lsn() - 1),
          SegmentedLogPropertyTest.readAll(log, 1),
          "records kept");
      assertEquals(hit.lsn(), log.append(List.of(SegmentedLog.Entry.of(9, new byte[] {1})), 5));
    }
    long dropped = Math.max(size, at + garbage.length) - hit.start();
    assertTrue(
        warnings.list.stream()
            .anyMatch(
                e ->
                    e.getLevel() == Level.WARN
                        && e.getFormattedMessage().contains(tail.toString())
                        && e.getFormattedMessage().contains("offset " + hit.start())
                        && e.getFormattedMessage().contains("dropping " + dropped + " bytes")),
        "a warning naming "
            + tail
            + ", offset "
            + hit.start()
            + " and "
            + dropped
            + " bytes: "
            + warnings.list);
  }

  @Test
  void aFlippedByteInAnOlderSegmentIsCorruptionNamingIt() {
    WalTestSupport.forEachSeed(
        10,
        seed -> {
          try {
            flippedByte(seed);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private void flippedByte(long seed) throws IOException {
    Random r = new Random(seed);
    Path dir = tmp.resolve("old-" + Long.toUnsignedString(seed));
    fill(dir, r, 200 + r.nextInt(100));
    List<Path> files = files(dir);
    assertTrue(files.size() >= 3, "several segments");
    Path victim = files.get(r.nextInt(files.size() - 1));
    long size = Files.size(victim);
    long at = r.nextInt((int) size);
    List<Frame> frames = frames(victim, firstLsnOf(victim));
    byte[] b = read(victim, at, 1);
    b[0] ^= (byte) (1 << r.nextInt(8));
    write(victim, at, b);
    long expected =
        at < SegmentFile.HEADER_SIZE
            ? 0
            : frames.stream()
                .filter(f -> f.start() <= at && at < f.end())
                .findFirst()
                .get()
                .start();

    WalCorruptException e =
        assertThrows(WalCorruptException.class, () -> SegmentedLog.open(dir, OPTIONS));
    assertEquals(victim, e.segment(), "segment named");
    assertEquals(expected, e.offset(), "offset named (" + e.getMessage() + ")");
    assertTrue(e.getMessage().contains(victim.getFileName().toString()), e.getMessage());
    assertFalse(e.retriable());
  }

  @Test
  void aZeroLengthOpenSegmentIsRemoved() throws IOException {
    Path dir = tmp.resolve("zero");
    List<WalRecord> written = fill(dir, new Random(1), 50);
    // As if the process died right after closing the tail and creating its empty successor.
    List<Path> files = files(dir);
    Path tail = files.get(files.size() - 1);
    long first = firstLsnOf(tail);
    long last = written.size();
    Path closed = tail.resolveSibling(SegmentFile.closedName(first, last));
    Files.move(tail, closed);
    Path empty = dir.resolve(SegmentFile.openName(last + 1));
    Files.createFile(empty);

    warnings.list.clear();
    try (SegmentedLog log = SegmentedLog.open(dir, OPTIONS)) {
      assertFalse(Files.exists(empty), "zero-length segment removed");
      assertEquals(last, log.writtenLsn());
      assertEquals(written, SegmentedLogPropertyTest.readAll(log, 1));
      assertEquals(tail, log.segmentFiles().get(log.segmentFiles().size() - 1), "reopened");
      assertEquals(last + 1, log.append(List.of(SegmentedLog.Entry.of(1, new byte[10])), 1));
    }
    assertTrue(
        warnings.list.stream().anyMatch(e -> e.getFormattedMessage().contains(empty.toString())));
  }

  @Test
  void aTornHeaderOfTheOnlySegmentLeavesAnEmptyLog() throws IOException {
    Path dir = tmp.resolve("headless");
    Files.createDirectories(dir);
    Files.write(dir.resolve(SegmentFile.openName(1)), new byte[] {'W', 'O', 'L'});
    try (SegmentedLog log = SegmentedLog.open(dir, OPTIONS)) {
      assertEquals(0, log.writtenLsn());
      assertEquals(1, log.append(List.of(SegmentedLog.Entry.of(1, new byte[3])), 1));
    }
  }

  @Test
  void aTornLastRecordIsCutOff() throws IOException {
    Path dir = tmp.resolve("torn");
    List<WalRecord> written = fill(dir, new Random(2), 30);
    List<Path> files = files(dir);
    Path tail = files.get(files.size() - 1);
    List<Frame> frames = frames(tail, firstLsnOf(tail));
    Frame last = frames.get(frames.size() - 1);
    try (FileChannel ch = FileChannel.open(tail, StandardOpenOption.WRITE)) {
      ch.truncate(last.end() - 1);
    }
    try (SegmentedLog log = SegmentedLog.open(dir, OPTIONS)) {
      assertEquals(last.lsn() - 1, log.writtenLsn());
      assertEquals(last.start(), Files.size(tail));
      assertEquals(
          written.subList(0, written.size() - 1), SegmentedLogPropertyTest.readAll(log, 1));
    }
  }

  @Test
  void aMissingMiddleSegmentIsCorruption() throws IOException {
    Path dir = tmp.resolve("gap");
    fill(dir, new Random(3), 80);
    List<Path> files = files(dir);
    Files.delete(files.get(1));
    WalCorruptException e =
        assertThrows(WalCorruptException.class, () -> SegmentedLog.open(dir, OPTIONS));
    assertEquals(files.get(2), e.segment());
    assertTrue(e.getMessage().contains("previous segment"), e.getMessage());
  }

  @Test
  void aFlippedByteFoundByAReaderAfterOpenIsCorruptionToo() throws IOException {
    Path dir = tmp.resolve("reader");
    fill(dir, new Random(4), 80);
    try (SegmentedLog log = SegmentedLog.open(dir, OPTIONS)) {
      Path victim = log.segmentFiles().get(0);
      List<Frame> frames = frames(victim, 1);
      Frame f = frames.get(frames.size() / 2);
      byte[] b = read(victim, f.end() - 1, 1);
      b[0] ^= 1;
      write(victim, f.end() - 1, b);
      WalCorruptException e =
          assertThrows(WalCorruptException.class, () -> log.read(1, Long.MAX_VALUE, 1000, 1 << 20));
      assertEquals(victim, e.segment());
      assertEquals(f.start(), e.offset());
    }
  }

  /** Appends {@code n} random records in random batches; returns them. */
  private static List<WalRecord> fill(Path dir, Random r, int n) throws IOException {
    List<WalRecord> all = new ArrayList<>();
    try (SegmentedLog log = SegmentedLog.open(dir, OPTIONS)) {
      while (all.size() < n) {
        int k = Math.min(n - all.size(), 1 + r.nextInt(5));
        List<SegmentedLog.Entry> batch = new ArrayList<>();
        for (int i = 0; i < k; i++) {
          byte[] p = WalTestSupport.payload(r, 400);
          batch.add(SegmentedLog.Entry.of(3, p));
          all.add(new WalRecord(all.size() + 1, 3, 77, p));
        }
        log.append(batch, 77);
      }
    }
    return all;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.filter(p -> SegmentFile.parse(p).isPresent()).sorted().toList();
    }
  }

  private static long firstLsnOf(Path p) {
    return SegmentFile.parse(p).orElseThrow().firstLsn();
  }

  private static List<Frame> frames(Path file, long firstLsn) throws IOException {
    List<Frame> out = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      RecordScanner s =
          new RecordScanner(ch, SegmentFile.HEADER_SIZE, ch.size(), firstLsn, 1 << 16);
      while (s.next()) {
        out.add(new Frame(s.lsn(), s.offset(), s.nextOffset()));
      }
    } catch (RecordCodec.BadRecord e) {
      throw new AssertionError("intact file did not scan: " + e.getMessage());
    }
    return out;
  }

  private static byte[] read(Path file, long at, int n) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(n);
      while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
        // fill
      }
      return b.array();
    }
  }

  private static void write(Path file, long at, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b, at + b.position());
      }
    }
  }
}
