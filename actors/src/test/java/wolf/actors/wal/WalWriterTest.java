package wolf.actors.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import wolf.config.WalSettings;

/** Group commit, batch bounds, overload, ordering and lifecycle of the writer actor. */
@ExtendWith(LogCapturingExtension.class)
class WalWriterTest {
  private static final ActorTestKit kit = ActorTestKit.create();
  private static final SegmentedLog.Options LOG = new SegmentedLog.Options(1 << 20, true, true);

  @TempDir Path tmp;
  private final GatedWals wals = new GatedWals(kit.system(), LOG);
  private final GatedExecutor io = wals.io;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  @AfterEach
  void closeAll() {
    wals.close();
  }

  private Wal open(WalSettings settings, WalWriter.Limits limits) throws Exception {
    return wals.open(tmp, settings, limits);
  }

  private Wal open(WalSettings settings) throws Exception {
    return open(settings, WalWriter.Limits.defaults(settings));
  }

  private static byte[] bytes(int i) {
    return ("record " + i).getBytes();
  }

  private static long get(CompletableFuture<Long> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void appendsArrivingDuringAWriteGoOutTogetherInTheNextOne() throws Exception {
    Wal wal = open(WalTestSupport.settings(1000, 0, true));
    CompletableFuture<Long> first = wal.append(1, bytes(0)).toCompletableFuture();
    io.awaitStarted(1);
    List<CompletableFuture<Long>> rest = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      rest.add(wal.append(1, bytes(i)).toCompletableFuture());
    }
    Thread.sleep(100);
    assertFalse(first.isDone(), "answered before its write+fsync finished");
    assertEquals(0, wal.durableLsn());
    assertEquals(1, io.started(), "a second write started while one was in flight");
    io.open();
    assertEquals(1, get(first));
    for (int i = 0; i < rest.size(); i++) {
      assertEquals(i + 2, get(rest.get(i)));
    }
    assertEquals(2, io.started(), "two group commits: the first record, then the other 20");
    assertEquals(2, wal.metrics().batchRecords().count());
    assertEquals(21, wal.metrics().batchRecords().sum());
    assertEquals(2, wal.metrics().fsyncMicros().count());
    assertEquals(21, wal.durableLsn());
  }

  @Test
  void batchSizeBoundsAGroupCommit() throws Exception {
    Wal wal = open(WalTestSupport.settings(5, 0, true));
    wal.append(1, bytes(0));
    io.awaitStarted(1);
    List<CompletableFuture<Long>> all = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      all.add(wal.append(1, bytes(i)).toCompletableFuture());
    }
    Thread.sleep(50);
    io.open();
    assertEquals(13, get(all.get(11)));
    assertEquals(4, io.started(), "batches of 1, 5, 5 and 2");
  }

  @Test
  void aFullQueueRejectsWithOverload() throws Exception {
    WalSettings s = WalTestSupport.settings(1000, 0, true);
    Wal wal = open(s, new WalWriter.Limits(10, 1 << 20, 1 << 20, Duration.ofMinutes(1)));
    CompletableFuture<Long> inFlight = wal.append(1, bytes(0)).toCompletableFuture();
    io.awaitStarted(1);
    List<CompletableFuture<Long>> queued = new ArrayList<>();
    for (int i = 1; i <= 15; i++) {
      queued.add(wal.append(1, bytes(i)).toCompletableFuture());
    }
    for (int i = 10; i < 15; i++) {
      CompletionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              CompletionException.class, queued.get(i)::join);
      WalOverloadedException o = assertInstanceOf(WalOverloadedException.class, e.getCause());
      assertTrue(o.retriable());
    }
    assertEquals(5, wal.metrics().rejected());
    io.open();
    assertEquals(1, get(inFlight));
    assertEquals(11, get(queued.get(9)));
  }

  @Test
  void theQueueIsBoundedByBytesToo() throws Exception {
    WalSettings s = WalTestSupport.settings(1000, 0, true);
    Wal wal = open(s, new WalWriter.Limits(1000, 1000, 1 << 20, Duration.ofMinutes(1)));
    wal.append(1, new byte[10]);
    io.awaitStarted(1);
    CompletableFuture<Long> a = wal.append(1, new byte[400]).toCompletableFuture();
    CompletableFuture<Long> b = wal.append(1, new byte[400]).toCompletableFuture();
    CompletableFuture<Long> c = wal.append(1, new byte[400]).toCompletableFuture();
    CompletionException e =
        org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, c::join);
    assertInstanceOf(WalOverloadedException.class, e.getCause());
    io.open();
    assertEquals(2, get(a));
    assertEquals(3, get(b));
  }

  @Test
  void flushIntervalGathersAppendsWhenIdleAndAFullBatchGoesAtOnce() throws Exception {
    io.open();
    Wal wal = open(WalTestSupport.settings(3, 400, true));
    long t0 = System.nanoTime();
    CompletableFuture<Long> a = wal.append(1, bytes(1)).toCompletableFuture();
    CompletableFuture<Long> b = wal.append(1, bytes(2)).toCompletableFuture();
    Thread.sleep(150);
    assertFalse(a.isDone() || b.isDone(), "written before flush_interval_ms");
    assertEquals(2, get(b));
    long waited = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(waited >= 390, "waited " + waited + " ms");
    assertEquals(1, io.started(), "one group commit for both");

    long t1 = System.nanoTime();
    List<CompletableFuture<Long>> full = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      full.add(wal.append(1, bytes(i)).toCompletableFuture());
    }
    assertEquals(5, get(full.get(2)));
    long fast = (System.nanoTime() - t1) / 1_000_000;
    assertTrue(fast < 300, "a full batch waited " + fast + " ms");
  }

  @Test
  void withoutFsyncAppendsAreAnsweredOnceWritten() throws Exception {
    io.open();
    Wal wal =
        Wal.open(
            kit.system(),
            tmp,
            new SegmentedLog.Options(1 << 20, false, false),
            WalTestSupport.settings(100, 0, false),
            WalWriter.Limits.defaults(WalTestSupport.settings(100, 0, false)),
            Clock.systemUTC(),
            io);
    wals.track(wal);
    assertEquals(1, get(wal.append(7, bytes(1)).toCompletableFuture()));
    assertEquals(1, wal.durableLsn());
    assertEquals(0, wal.metrics().fsyncMicros().count(), "no fsync");
    assertEquals(
        List.of(new WalRecord(1, 7, wal.read(1, 1).get(0).timestamp(), bytes(1))), wal.read(1, 10));
  }

  @Test
  void truncationWaitsForEarlierAppendsAndLaterAppendsFollowIt() throws Exception {
    io.open();
    Wal wal = open(WalTestSupport.settings(1000, 0, true));
    for (int i = 1; i <= 10; i++) {
      wal.append(1, bytes(i));
    }
    CompletableFuture<Done> t = wal.truncateAfter(4).toCompletableFuture();
    CompletableFuture<Long> next = wal.append(2, bytes(99)).toCompletableFuture();
    t.get(10, TimeUnit.SECONDS);
    assertEquals(5, get(next));
    List<WalRecord> all = wal.read(1, 100);
    assertEquals(5, all.size());
    assertEquals(2, all.get(4).term());
    assertTrue(java.util.Arrays.equals(bytes(99), all.get(4).payload()));
  }

  @Test
  void closeWritesWhatIsQueuedAndRefusesLaterAppends() throws Exception {
    Wal wal = open(WalTestSupport.settings(1000, 0, true));
    List<CompletableFuture<Long>> queued = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      queued.add(wal.append(1, bytes(i)).toCompletableFuture());
    }
    CompletableFuture<Done> closed = wal.closeAsync().toCompletableFuture();
    io.open();
    closed.get(10, TimeUnit.SECONDS);
    assertEquals(5, get(queued.get(4)));
    CompletionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CompletionException.class, wal.append(1, bytes(9)).toCompletableFuture()::join);
    assertInstanceOf(WalClosedException.class, e.getCause());
    try (SegmentedLog log = SegmentedLog.open(tmp, LOG)) {
      assertEquals(5, log.writtenLsn());
    }
  }

  @Test
  void actorsAppendWithMessagesAndGetTypedReplies() throws Exception {
    io.open();
    Wal wal = open(WalTestSupport.settings(1000, 0, true));
    TestProbe<StatusReply<WalWriter.Appended>> probe = kit.createTestProbe();
    wal.writer().tell(new WalWriter.Append(3, bytes(1), probe.getRef()));
    assertEquals(new WalWriter.Appended(1), probe.receiveMessage().getValue());
    wal.writer().tell(new WalWriter.Append(3, new byte[RecordCodec.MAX_PAYLOAD + 1], probe.ref()));
    assertInstanceOf(IllegalArgumentException.class, probe.receiveMessage().getError());
  }

  @Test
  void anIoFailureFailsTheBatchAndRefusesFurtherWork() throws Exception {
    io.open();
    Wal wal = open(WalTestSupport.settings(1000, 0, true));
    assertEquals(1, get(wal.append(1, bytes(1)).toCompletableFuture()));
    wal.log().close(); // the next write fails underneath the writer
    CompletionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CompletionException.class, wal.append(1, bytes(2)).toCompletableFuture()::join);
    assertInstanceOf(WalClosedException.class, e.getCause());
    CompletionException later =
        org.junit.jupiter.api.Assertions.assertThrows(
            CompletionException.class, wal.append(1, bytes(3)).toCompletableFuture()::join);
    assertInstanceOf(WalClosedException.class, later.getCause());
  }
}
