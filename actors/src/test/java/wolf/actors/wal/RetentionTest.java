package wolf.actors.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import wolf.config.WalSettings;

/**
 * Retention deletes closed segments older than {@code retention_hours} that every reporting node
 * has applied; never the active one; nothing when {@code retention_hours = 0}.
 */
@ExtendWith(LogCapturingExtension.class)
class RetentionTest {
  private static final ActorTestKit kit = ActorTestKit.create();

  @TempDir Path tmp;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  /** A clock the test moves. */
  static final class ManualClock extends Clock {
    final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  private Wal open(Path dir, int retentionHours, ManualClock clock) throws Exception {
    WalSettings s = WalTestSupport.settings(10, 0, false, retentionHours);
    return Wal.open(
        kit.system(),
        dir,
        new SegmentedLog.Options(2048, false, false),
        s,
        WalWriter.Limits.defaults(s),
        clock,
        kit.system()
            .dispatchers()
            .lookup(org.apache.pekko.actor.typed.DispatcherSelector.fromConfig(Wal.DISPATCHER)));
  }

  /** Appends 100 records of 100 bytes in batches of 10: about 6 per 2 KiB segment. */
  private static void fill(Wal wal) throws Exception {
    CompletionStage<Long> last = null;
    for (int i = 0; i < 100; i++) {
      last = wal.append(1, new byte[100]);
      if (i % 10 == 9) {
        last.toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }

  private static List<Path> retain(Wal wal) throws Exception {
    return wal.runRetention().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static long lastLsnOf(Path p) {
    return SegmentFile.parse(p).orElseThrow().lastLsn();
  }

  @Test
  void deletesOldSegmentsEveryNodeAppliedAndNeverTheActiveOne() throws Exception {
    ManualClock clock = new ManualClock();
    try (Wal wal = open(tmp, 1, clock)) {
      fill(wal);
      List<Path> before = wal.segmentFiles();
      assertTrue(before.size() > 5, "several segments: " + before);
      assertEquals(List.of(), retain(wal), "no node reported: nothing is known to be applied");

      wal.applied("node-1", 80);
      wal.applied("node-2", 30);
      assertEquals(List.of(), retain(wal), "applied, but younger than retention_hours");

      clock.millis.addAndGet(Duration.ofHours(2).toMillis());
      List<Path> deleted = retain(wal);
      assertTrue(!deleted.isEmpty(), "old applied segments deleted");
      deleted.forEach(p -> assertTrue(lastLsnOf(p) <= 30, p + " holds LSNs node-2 lacks"));
      deleted.forEach(p -> assertTrue(!Files.exists(p)));
      long first = wal.firstLsn();
      assertTrue(first <= 31, "first LSN " + first);
      assertEquals(first, wal.read(first, 1).get(0).lsn());
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () ->
                  wal.tail(1)
                      .runWith(Sink.head(), kit.system())
                      .toCompletableFuture()
                      .get(10, TimeUnit.SECONDS));
      assertInstanceOf(WalPrunedException.class, e.getCause());
      assertThrows(WalPrunedException.class, () -> wal.read(1, 1));

      wal.forget("node-2");
      wal.applied("node-1", 1_000);
      retain(wal);
      List<Path> left = wal.segmentFiles();
      assertEquals(1, left.size(), "only the active segment is left: " + left);
      assertTrue(left.get(0).getFileName().toString().endsWith(".open"));
      assertEquals(100, wal.durableLsn());
      assertEquals(before.size() - 1, wal.metrics().segmentsDeleted());
    }
  }

  @Test
  void zeroRetentionHoursKeepsEverything() throws Exception {
    ManualClock clock = new ManualClock();
    try (Wal wal = open(tmp, 0, clock)) {
      fill(wal);
      int n = wal.segmentFiles().size();
      wal.applied("node-1", 1_000);
      clock.millis.addAndGet(Duration.ofDays(3650).toMillis());
      assertEquals(List.of(), retain(wal));
      assertEquals(n, wal.segmentFiles().size());
      assertEquals(1, wal.firstLsn());
    }
  }
}
