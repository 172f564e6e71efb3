package wolf.actors.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Wal#resetTo}: the empty log it leaves, across reopen; the tails it fails; and every state
 * a crash can leave the directory in part-way through a reset, each recovered to the log before or
 * after it.
 */
@ExtendWith(LogCapturingExtension.class)
class WalResetTest {
  private static final ActorTestKit kit = ActorTestKit.create();
  private static final SegmentedLog.Options SMALL = new SegmentedLog.Options(2048, false, true);

  @TempDir Path tmp;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static Wal open(Path dir) throws Exception {
    return Wal.open(kit.system(), dir, WalTestSupport.settings(1000, 0, true));
  }

  private static void appendN(Wal wal, long term, int n) throws Exception {
    WalTestSupport.appendN(wal, term, 0, n);
  }

  private static void await(CompletionStage<?> s) throws Exception {
    s.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aResetLeavesAnEmptyLogAfterTheSnapshotThatSurvivesReopen() throws Exception {
    Path dir = tmp.resolve("log");
    try (Wal wal = open(dir)) {
      appendN(wal, 1, 50);
      await(wal.resetTo(1_000, 4));
      assertEquals(1_001, wal.firstLsn());
      assertEquals(1_000, wal.writtenLsn());
      assertEquals(1_000, wal.durableLsn());
      assertEquals(4, wal.lastTerm());
      assertEquals(OptionalLong.of(4), wal.termAt(1_000));
      assertEquals(OptionalLong.empty(), wal.termAt(999));
      assertEquals(OptionalLong.empty(), wal.termAt(1_001));
      WalPrunedException e = assertThrows(WalPrunedException.class, () -> wal.read(1_000, 1));
      assertEquals(1_001, e.firstAvailable());
      assertThrows(WalPrunedException.class, () -> wal.read(3, 1));
      assertEquals(List.of(), wal.read(1_001, 10));
      assertEquals(1, wal.segmentFiles().size());
    }
    try (Wal wal = open(dir)) {
      assertEquals(1_001, wal.firstLsn());
      assertEquals(1_000, wal.writtenLsn());
      assertEquals(1_000, wal.durableLsn());
      assertEquals(4, wal.lastTerm());
      assertEquals(OptionalLong.of(4), wal.termAt(1_000));
      assertEquals(1_001, wal.append(5, "after".getBytes()).toCompletableFuture().get());
      assertEquals(5, wal.lastTerm());
      assertEquals(OptionalLong.of(4), wal.termAt(1_000));
      assertEquals(OptionalLong.of(5), wal.termAt(1_001));
    }
    try (Wal wal = open(dir)) {
      assertEquals(1_001, wal.writtenLsn());
      assertEquals("after", new String(wal.read(1_001, 1).get(0).payload()));
    }
  }

  @Test
  void aResetBehindTheLogDropsItsRecordsToo() throws Exception {
    try (Wal wal = open(tmp)) {
      appendN(wal, 2, 30);
      await(wal.resetTo(10, 1));
      assertEquals(10, wal.writtenLsn());
      assertEquals(List.of(), wal.read(11, 10), "records 11..30 are gone");
      assertEquals(11, wal.append(3, "new".getBytes()).toCompletableFuture().get());
      assertEquals(OptionalLong.of(1), wal.termAt(10));
      assertEquals(OptionalLong.of(3), wal.termAt(11));
    }
  }

  @Test
  void aResetFailsTailsThatEmittedPastItAndPrunesTailsBehindIt() throws Exception {
    try (Wal wal = open(tmp)) {
      LinkedBlockingQueue<WalRecord> got = new LinkedBlockingQueue<>();
      CompletionStage<Done> ahead = wal.tail(1).runWith(Sink.foreach(got::add), kit.system());
      LinkedBlockingQueue<WalRecord> gotWritten = new LinkedBlockingQueue<>();
      CompletionStage<Done> aheadWritten =
          wal.tailWritten(1).runWith(Sink.foreach(gotWritten::add), kit.system());
      appendN(wal, 1, 10);
      for (int i = 0; i < 10; i++) {
        assertTrue(got.poll(10, TimeUnit.SECONDS) != null);
        assertTrue(gotWritten.poll(10, TimeUnit.SECONDS) != null);
      }
      await(wal.resetTo(5, 1));
      for (CompletionStage<Done> tail : List.of(ahead, aheadWritten)) {
        ExecutionException e =
            assertThrows(
                ExecutionException.class,
                () -> tail.toCompletableFuture().get(10, TimeUnit.SECONDS));
        WalTruncatedException t = assertInstanceOf(WalTruncatedException.class, e.getCause());
        assertEquals(5, t.lastKept());
      }

      LinkedBlockingQueue<WalRecord> behindGot = new LinkedBlockingQueue<>();
      CompletionStage<Done> behind =
          wal.tail(1).runWith(Sink.foreach(behindGot::add), kit.system());
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () -> behind.toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertInstanceOf(WalPrunedException.class, e.getCause());

      // a tail that was caught up at the reset's LSN carries on with the records after it
      CompletionStage<List<WalRecord>> after =
          wal.tail(6).take(2).runWith(Sink.seq(), kit.system());
      appendN(wal, 2, 2);
      assertEquals(
          List.of(6L, 7L),
          after.toCompletableFuture().get(10, TimeUnit.SECONDS).stream()
              .map(WalRecord::lsn)
              .toList());
    }
  }

  @Test
  void aTailWaitingBelowAForwardResetFailsAsPruned() throws Exception {
    try (Wal wal = open(tmp)) {
      appendN(wal, 1, 3);
      CompletionStage<Done> waiting = wal.tail(1).runWith(Sink.ignore(), kit.system());
      Thread.sleep(100);
      await(wal.resetTo(100, 2));
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () -> waiting.toCompletableFuture().get(10, TimeUnit.SECONDS));
      WalPrunedException p = assertInstanceOf(WalPrunedException.class, e.getCause());
      assertEquals(4, p.requested());
      assertEquals(101, p.firstAvailable());
    }
  }

  // --- crashes part-way through a reset: the directory states it can leave ---

  /** A log of 40 records over several small segments; returns its segment files. */
  private static List<Path> oldLog(Path dir) throws IOException {
    try (SegmentedLog log = SegmentedLog.open(dir, SMALL)) {
      for (int i = 0; i < 40; i++) {
        log.append(List.of(SegmentedLog.Entry.of(2, new byte[100])), 1);
      }
      log.flush();
      assertTrue(log.segmentFiles().size() >= 3, "several segments");
      return log.segmentFiles();
    }
  }

  /** The {@code .base} file a reset to {@code lastLsn} creates first, complete. */
  private static void baseSegment(Path dir, long lastLsn, long lastTerm) throws IOException {
    Segment.create(dir, lastLsn + 1, lastTerm, true, true).close();
  }

  private static void assertReset(Path dir, long lastLsn, long lastTerm) throws IOException {
    try (SegmentedLog log = SegmentedLog.open(dir, SMALL)) {
      assertEquals(lastLsn + 1, log.firstLsn());
      assertEquals(lastLsn, log.writtenLsn());
      assertEquals(lastTerm, log.lastTerm());
      assertEquals(OptionalLong.of(lastTerm), log.termAt(lastLsn));
      assertEquals(List.of(dir.resolve(SegmentFile.openName(lastLsn + 1))), log.segmentFiles());
    }
    assertEquals(List.of(SegmentFile.openName(lastLsn + 1)), names(dir));
  }

  private static void assertOldLog(Path dir, List<Path> old) throws IOException {
    try (SegmentedLog log = SegmentedLog.open(dir, SMALL)) {
      assertEquals(1, log.firstLsn());
      assertEquals(40, log.writtenLsn());
      assertEquals(40, SegmentedLogPropertyTest.readAll(log, 1).size());
      assertEquals(old, log.segmentFiles());
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("wal-")).toList();
    }
  }

  @Test
  void aCrashWhileCreatingTheResetSegmentKeepsTheOldLog() throws IOException {
    for (int bytes : new int[] {0, 17, SegmentFile.HEADER_SIZE}) {
      Path dir = tmp.resolve("torn-" + bytes);
      List<Path> old = oldLog(dir);
      baseSegment(dir, 500, 3);
      Path base = dir.resolve(SegmentFile.baseName(501));
      try (FileChannel ch = FileChannel.open(base, StandardOpenOption.WRITE)) {
        if (bytes == SegmentFile.HEADER_SIZE) {
          ch.write(java.nio.ByteBuffer.wrap(new byte[] {0x7f}), 30); // a header that fails its CRC
        } else {
          ch.truncate(bytes);
        }
      }
      assertOldLog(dir, old);
      assertFalse(Files.exists(base), "the unfinished reset segment is removed");
    }
  }

  @Test
  void aCrashAfterTheResetSegmentWasCreatedFinishesTheReset() throws IOException {
    // all old segments still there; the oldest gone; the newest gone; none left
    for (int variant = 0; variant < 4; variant++) {
      Path dir = tmp.resolve("committed-" + variant);
      List<Path> old = oldLog(dir);
      baseSegment(dir, variant == 3 ? 20 : 500, 3);
      switch (variant) {
        case 1 -> Files.delete(old.get(0));
        case 2 -> Files.delete(old.get(old.size() - 1));
        case 3 -> {
          for (Path p : old) {
            Files.delete(p);
          }
        }
        default -> {}
      }
      assertReset(dir, variant == 3 ? 20 : 500, 3);
    }
  }

  @Test
  void aResetSegmentNamedLikeAnOldOneIsNoClash() throws IOException {
    Path dir = tmp.resolve("same-first");
    List<Path> old = oldLog(dir);
    long secondFirst = SegmentFile.parse(old.get(1)).orElseThrow().firstLsn();
    baseSegment(dir, secondFirst - 1, 9);
    assertReset(dir, secondFirst - 1, 9);
  }

  @Test
  void twoResetSegmentsAreCorruption() throws IOException {
    Path dir = tmp.resolve("two");
    oldLog(dir);
    baseSegment(dir, 100, 1);
    baseSegment(dir, 200, 1);
    WalCorruptException e =
        assertThrows(WalCorruptException.class, () -> SegmentedLog.open(dir, SMALL));
    assertTrue(e.getMessage().contains("two reset"), e.getMessage());
  }

  @Test
  void segmentsWhoseTermsDisagreeAreCorruption() throws IOException {
    Path dir = tmp.resolve("terms");
    List<Path> old = oldLog(dir);
    Path second = old.get(1);
    long first = SegmentFile.parse(second).orElseThrow().firstLsn();
    byte[] bytes = Files.readAllBytes(second);
    byte[] header = SegmentFile.header(first, 7).array(); // the previous segment ends in term 2
    System.arraycopy(header, 0, bytes, 0, header.length);
    Files.write(second, bytes);
    WalCorruptException e =
        assertThrows(WalCorruptException.class, () -> SegmentedLog.open(dir, SMALL));
    assertEquals(second, e.segment());
    assertTrue(e.getMessage().contains("term 7"), e.getMessage());
  }

  @Test
  void aVersion1SegmentIsRefusedNamingItsVersion() throws IOException {
    Path dir = tmp.resolve("v1");
    List<Path> old = oldLog(dir);
    byte[] bytes = Files.readAllBytes(old.get(0));
    bytes[11] = 1;
    Files.write(old.get(0), bytes);
    WalCorruptException e =
        assertThrows(WalCorruptException.class, () -> SegmentedLog.open(dir, SMALL));
    assertTrue(e.getMessage().contains("version 1"), e.getMessage());
  }
}
