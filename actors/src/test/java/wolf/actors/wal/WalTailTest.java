package wolf.actors.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Wal#tail} and {@link Wal#tailWritten}: catch-up, live records, backpressure, written
 * versus durable, truncation and close.
 */
@ExtendWith(LogCapturingExtension.class)
class WalTailTest {
  private static final ActorTestKit kit = ActorTestKit.create();

  @TempDir Path tmp;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static Wal open(Path dir) throws Exception {
    return Wal.open(kit.system(), dir, WalTestSupport.settings(1000, 0, true));
  }

  private static void appendAll(Wal wal, int from, int n) throws Exception {
    WalTestSupport.appendN(wal, 1, from, n);
  }

  @Test
  void aTailCatchesUpThenEmitsLiveRecordsAsTheyBecomeDurable() throws Exception {
    try (Wal wal = open(tmp)) {
      appendAll(wal, 1, 1000);
      CompletionStage<List<WalRecord>> seen =
          wal.tail(1).take(1600).runWith(Sink.seq(), kit.system());
      Thread.sleep(100);
      appendAll(wal, 1001, 600);
      List<WalRecord> got = seen.toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(wal.read(1, 1000), got.subList(0, 1000));
      assertEquals(wal.read(1001, 1000), got.subList(1000, 1600));
    }
  }

  @Test
  void aTailMayStartAheadOfTheLog() throws Exception {
    try (Wal wal = open(tmp)) {
      appendAll(wal, 1, 10);
      CompletionStage<List<WalRecord>> seen =
          wal.tail(15).take(3).runWith(Sink.seq(), kit.system());
      appendAll(wal, 11, 10);
      List<WalRecord> got = seen.toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(List.of(15L, 16L, 17L), got.stream().map(WalRecord::lsn).toList());
    }
  }

  @Test
  void aSlowSubscriberHoldsAtMostAChunk() throws Exception {
    try (Wal wal = open(tmp)) {
      appendAll(wal, 1, 5000);
      SinkQueueWithCancel<WalRecord> q = wal.tail(1).runWith(Sink.queue(), kit.system());
      for (int i = 1; i <= 3; i++) {
        Optional<WalRecord> r = q.pull().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(i, r.orElseThrow().lsn());
      }
      Thread.sleep(300);
      long read = wal.metrics().recordsRead();
      assertTrue(read <= 2 * TailStage.CHUNK_RECORDS, read + " records read for 3 pulled");
      q.cancel();
    }
  }

  @Test
  void truncatingRecordsATailEmittedFailsIt() throws Exception {
    try (Wal wal = open(tmp)) {
      LinkedBlockingQueue<WalRecord> got = new LinkedBlockingQueue<>();
      CompletionStage<Done> done = wal.tail(1).runWith(Sink.foreach(got::add), kit.system());
      appendAll(wal, 1, 10);
      for (int i = 0; i < 10; i++) {
        assertTrue(got.poll(10, TimeUnit.SECONDS) != null);
      }
      wal.truncateAfter(5).toCompletableFuture().get(10, TimeUnit.SECONDS);
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> done.toCompletableFuture().get(10, TimeUnit.SECONDS));
      WalTruncatedException t = assertInstanceOf(WalTruncatedException.class, e.getCause());
      assertEquals(5, t.lastKept());
    }
  }

  @Test
  void aTailBehindTheTruncationPointCarriesOn() throws Exception {
    try (Wal wal = open(tmp)) {
      appendAll(wal, 1, 10);
      wal.truncateAfter(5).toCompletableFuture().get(10, TimeUnit.SECONDS);
      CompletableFuture<List<WalRecord>> seen =
          wal.tail(3).take(5).runWith(Sink.seq(), kit.system()).toCompletableFuture();
      appendAll(wal, 100, 2);
      List<WalRecord> got = seen.get(10, TimeUnit.SECONDS);
      assertEquals(List.of(3L, 4L, 5L, 6L, 7L), got.stream().map(WalRecord::lsn).toList());
      assertEquals("record 100", new String(got.get(3).payload()));
    }
  }

  @Test
  void tailWrittenEmitsRecordsBeforeTheirFsyncAndTailWaitsForIt() throws Exception {
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try (SegmentedLog log =
        SegmentedLog.open(tmp, new SegmentedLog.Options(1 << 20, false, true))) {
      WalMetrics metrics = new WalMetrics(log);
      CompletableFuture<List<WalRecord>> written =
          Source.fromGraph(new TailStage(log, 1, reader, metrics, true))
              .take(3)
              .runWith(Sink.seq(), kit.system())
              .toCompletableFuture();
      CompletableFuture<List<WalRecord>> durable =
          Source.fromGraph(new TailStage(log, 1, reader, metrics, false))
              .take(3)
              .runWith(Sink.seq(), kit.system())
              .toCompletableFuture();
      List<SegmentedLog.Entry> three = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        three.add(SegmentedLog.Entry.of(1, ("record " + i).getBytes()));
      }
      log.append(three, 5);
      List<WalRecord> got = written.get(10, TimeUnit.SECONDS);
      assertEquals(List.of(1L, 2L, 3L), got.stream().map(WalRecord::lsn).toList());
      assertEquals(0, log.durableLsn(), "emitted while not yet durable");
      Thread.sleep(200);
      assertFalse(durable.isDone(), "tail emitted records that are not durable");
      log.flush();
      assertEquals(got, durable.get(10, TimeUnit.SECONDS));
    } finally {
      reader.shutdown();
    }
  }

  @Test
  void truncatingRecordsATailWrittenEmittedFailsIt() throws Exception {
    try (Wal wal = open(tmp)) {
      LinkedBlockingQueue<WalRecord> got = new LinkedBlockingQueue<>();
      CompletionStage<Done> done = wal.tailWritten(1).runWith(Sink.foreach(got::add), kit.system());
      appendAll(wal, 1, 10);
      for (int i = 0; i < 10; i++) {
        assertTrue(got.poll(10, TimeUnit.SECONDS) != null);
      }
      wal.truncateAfter(3).toCompletableFuture().get(10, TimeUnit.SECONDS);
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> done.toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertEquals(3, assertInstanceOf(WalTruncatedException.class, e.getCause()).lastKept());
    }
  }

  @Test
  void closingTheLogFailsItsTails() throws Exception {
    Wal wal = open(tmp);
    appendAll(wal, 1, 3);
    CompletionStage<Done> done = wal.tail(1).runWith(Sink.ignore(), kit.system());
    Thread.sleep(100);
    wal.close();
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                done.toCompletableFuture()
                    .get(Duration.ofSeconds(10).toSeconds(), TimeUnit.SECONDS));
    assertInstanceOf(WalClosedException.class, e.getCause());
  }
}
