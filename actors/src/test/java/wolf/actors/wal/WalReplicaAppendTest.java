package wolf.actors.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
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

/**
 * What replication appends with: {@link Wal#appendAll} (one call, contiguous LSNs, one group
 * commit) and {@link Wal#appendReplicated} (the leader's LSNs, terms and timestamps, checked when
 * written), through futures and through actor messages.
 */
@ExtendWith(LogCapturingExtension.class)
class WalReplicaAppendTest {
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

  private Wal open() throws Exception {
    WalSettings s = WalTestSupport.settings(1000, 0, true);
    return open(s, WalWriter.Limits.defaults(s));
  }

  private static byte[] bytes(String s) {
    return s.getBytes();
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  private static <T> Throwable failure(CompletableFuture<T> f) {
    return assertThrows(CompletionException.class, f::join).getCause();
  }

  @Test
  void appendAllGivesContiguousLsnsInOneGroupCommitAndAnswersTheFirst() throws Exception {
    Wal wal = open();
    CompletableFuture<Long> held = wal.append(1, bytes("a")).toCompletableFuture();
    io.awaitStarted(1);
    CompletableFuture<Long> one = wal.append(1, bytes("b")).toCompletableFuture();
    CompletableFuture<Long> all =
        wal.appendAll(2, List.of(bytes("c"), bytes("d"), bytes("e"))).toCompletableFuture();
    CompletableFuture<Long> after = wal.append(2, bytes("f")).toCompletableFuture();
    io.open();
    assertEquals(1, get(held));
    assertEquals(2, get(one));
    assertEquals(3, get(all));
    assertEquals(6, get(after));
    assertEquals(2, io.started(), "the held write, then one group commit for the rest");
    List<WalRecord> read = wal.read(1, 10);
    assertEquals(
        List.of("a", "b", "c", "d", "e", "f"),
        read.stream().map(r -> new String(r.payload())).toList());
    assertEquals(List.of(1L, 1L, 2L, 2L, 2L, 2L), read.stream().map(WalRecord::term).toList());
  }

  @Test
  void concurrentAppendAllCallsAreNeverInterleaved() throws Exception {
    io.open();
    Wal wal = open();
    int threads = 8;
    int calls = 40;
    List<Thread> ts = new ArrayList<>();
    List<CompletableFuture<Long>> firsts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<CompletableFuture<Long>> mine = new ArrayList<>();
      int thread = t;
      Thread th =
          new Thread(
              () -> {
                for (int c = 0; c < calls; c++) {
                  List<byte[]> payloads = new ArrayList<>();
                  for (int k = 0; k < 1 + c % 7; k++) {
                    payloads.add(
                        ByteBuffer.allocate(12).putInt(thread).putInt(c).putInt(k).array());
                  }
                  mine.add(wal.appendAll(1, payloads).toCompletableFuture());
                }
                synchronized (firsts) {
                  firsts.addAll(mine);
                }
              });
      ts.add(th);
      th.start();
    }
    for (Thread th : ts) {
      th.join(10_000);
    }
    for (CompletableFuture<Long> f : firsts) {
      get(f);
    }
    List<WalRecord> all = SegmentedLogPropertyTest.readAll(wal.log(), 1);
    int i = 0;
    while (i < all.size()) {
      ByteBuffer head = ByteBuffer.wrap(all.get(i).payload());
      int thread = head.getInt();
      int call = head.getInt();
      int n = 1 + call % 7;
      for (int k = 0; k < n; k++) {
        ByteBuffer b = ByteBuffer.wrap(all.get(i + k).payload());
        assertEquals(thread, b.getInt(), "LSN " + (i + k + 1) + " belongs to another call");
        assertEquals(call, b.getInt());
        assertEquals(k, b.getInt());
      }
      i += n;
    }
    assertEquals(threads * calls, firsts.size());
  }

  @Test
  void anAppendAllLargerThanABatchGoesOutAloneAndEmptyOnesAreRefused() throws Exception {
    WalSettings s = WalTestSupport.settings(4, 0, true);
    Wal wal = open(s, new WalWriter.Limits(8, 1 << 20, 1 << 20, Duration.ofMinutes(1)));
    CompletableFuture<Long> held = wal.append(1, bytes("x")).toCompletableFuture();
    io.awaitStarted(1);
    List<byte[]> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(bytes("r" + i));
    }
    CompletableFuture<Long> big = wal.appendAll(1, ten).toCompletableFuture();
    CompletableFuture<Long> refused = wal.append(1, bytes("y")).toCompletableFuture();
    assertInstanceOf(WalOverloadedException.class, failure(refused), "10 queued > 8 records");
    assertInstanceOf(
        IllegalArgumentException.class, failure(wal.appendAll(1, List.of()).toCompletableFuture()));
    io.open();
    assertEquals(1, get(held));
    assertEquals(2, get(big));
    assertEquals(11, wal.durableLsn());
    assertEquals(2, io.started(), "ten records over a batch size of 4 still in one group commit");
  }

  @Test
  void replicatedRecordsKeepTheLeadersLsnTermAndTimestampAndAnswerTheLast() throws Exception {
    io.open();
    Wal wal = open();
    List<WalRecord> leader =
        List.of(
            new WalRecord(1, 3, 1_000, bytes("one")),
            new WalRecord(2, 3, 1_001, bytes("two")),
            new WalRecord(3, 4, 2_000, bytes("three")));
    assertEquals(3, get(wal.appendReplicated(leader).toCompletableFuture()));
    assertEquals(leader, wal.read(1, 10));
    assertEquals(4, wal.lastTerm());
    assertEquals(OptionalLong.of(3), wal.termAt(2));
  }

  @Test
  void aGapFailsOnlyThatCallAndWritesNothingOfIt() throws Exception {
    Wal wal = open();
    CompletableFuture<Long> held = wal.append(1, bytes("held")).toCompletableFuture();
    io.awaitStarted(1);
    // all of these are queued together and each is checked when the group commit writes it
    CompletableFuture<Long> a = wal.append(1, bytes("a")).toCompletableFuture(); // 2
    CompletableFuture<Long> ok =
        wal.appendReplicated(
                List.of(new WalRecord(3, 2, 7, bytes("r3")), new WalRecord(4, 2, 7, bytes("r4"))))
            .toCompletableFuture();
    CompletableFuture<Long> ahead =
        wal.appendReplicated(List.of(new WalRecord(9, 2, 7, bytes("r9")))).toCompletableFuture();
    CompletableFuture<Long> behind =
        wal.appendReplicated(List.of(new WalRecord(4, 2, 7, bytes("again")))).toCompletableFuture();
    CompletableFuture<Long> skipping =
        wal.appendReplicated(
                List.of(new WalRecord(5, 2, 7, bytes("r5")), new WalRecord(7, 2, 7, bytes("r7"))))
            .toCompletableFuture();
    CompletableFuture<Long> b = wal.append(2, bytes("b")).toCompletableFuture(); // 5
    CompletableFuture<Long> next =
        wal.appendReplicated(List.of(new WalRecord(6, 2, 7, bytes("r6")))).toCompletableFuture();
    io.open();
    assertEquals(1, get(held));
    assertEquals(2, get(a));
    assertEquals(4, get(ok));
    WalGapException gap = assertInstanceOf(WalGapException.class, failure(ahead));
    assertEquals(5, gap.expectedLsn());
    assertEquals(9, gap.gotLsn());
    gap = assertInstanceOf(WalGapException.class, failure(behind));
    assertEquals(5, gap.expectedLsn());
    assertEquals(4, gap.gotLsn());
    gap = assertInstanceOf(WalGapException.class, failure(skipping), "a list that skips an LSN");
    assertEquals(6, gap.expectedLsn());
    assertEquals(7, gap.gotLsn());
    assertTrue(!gap.retriable());
    assertEquals(5, get(b));
    assertEquals(6, get(next));
    assertEquals(
        List.of("held", "a", "r3", "r4", "b", "r6"),
        wal.read(1, 10).stream().map(r -> new String(r.payload())).toList());
  }

  @Test
  void replicatedAppendsAreCheckedAfterTruncationsQueuedBeforeThem() throws Exception {
    io.open();
    Wal wal = open();
    for (int i = 1; i <= 5; i++) {
      wal.append(1, bytes("own " + i));
    }
    CompletableFuture<Done> cut = wal.truncateAfter(2).toCompletableFuture();
    CompletableFuture<Long> fromLeader =
        wal.appendReplicated(List.of(new WalRecord(3, 2, 9, bytes("leader 3"))))
            .toCompletableFuture();
    get(cut);
    assertEquals(3, get(fromLeader));
    assertEquals(2, wal.lastTerm());
    assertEquals(3, wal.read(1, 10).size());
  }

  @Test
  void actorsUseAppendAllAppendReplicatedAndResetToMessages() throws Exception {
    io.open();
    Wal wal = open();
    TestProbe<StatusReply<WalWriter.Appended>> probe = kit.createTestProbe();
    wal.writer().tell(new WalWriter.AppendAll(5, List.of(bytes("a"), bytes("b")), probe.ref()));
    assertEquals(new WalWriter.Appended(1), probe.receiveMessage().getValue());
    wal.writer()
        .tell(
            new WalWriter.AppendReplicated(
                List.of(new WalRecord(3, 6, 1, bytes("c")), new WalRecord(4, 6, 1, bytes("d"))),
                probe.ref()));
    assertEquals(new WalWriter.Appended(4), probe.receiveMessage().getValue());
    wal.writer()
        .tell(
            new WalWriter.AppendReplicated(
                List.of(new WalRecord(9, 6, 1, bytes("e"))), probe.ref()));
    assertInstanceOf(WalGapException.class, probe.receiveMessage().getError());
    TestProbe<StatusReply<Done>> done = kit.createTestProbe();
    wal.writer().tell(new WalWriter.ResetTo(100, 7, done.ref()));
    assertTrue(done.receiveMessage().isSuccess());
    assertEquals(101, wal.firstLsn());
    wal.writer().tell(new WalWriter.Append(7, bytes("f"), probe.ref()));
    assertEquals(new WalWriter.Appended(101), probe.receiveMessage().getValue());
    assertArrayEquals(bytes("f"), wal.read(101, 1).get(0).payload());
  }
}
