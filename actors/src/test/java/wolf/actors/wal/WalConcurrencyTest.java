package wolf.actors.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import wolf.config.WalSettings;

/**
 * 64 threads append at once, each without waiting for its previous append: LSNs are unique and
 * contiguous, each appender's records are in its call order, and every record reads back as it was
 * sent.
 */
@ExtendWith(LogCapturingExtension.class)
class WalConcurrencyTest {
  private static final ActorTestKit kit = ActorTestKit.create();
  private static final int APPENDERS = 64;
  private static final int EACH = 250;

  @TempDir Path tmp;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void concurrentAppendersGetUniqueContiguousLsnsInTheirOwnOrder() throws Exception {
    List<List<CompletableFuture<Long>>> futures = new ArrayList<>();
    WalSettings settings = WalTestSupport.settings(1000, 0, true);
    // Every append is sent before any is answered: let the queue hold them all.
    WalWriter.Limits limits =
        new WalWriter.Limits(APPENDERS * EACH, 64 << 20, 16 << 20, Duration.ofMinutes(1));
    try (Wal wal = Wal.open(kit.system(), tmp, settings, limits, Clock.systemUTC())) {
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int a = 0; a < APPENDERS; a++) {
        List<CompletableFuture<Long>> mine = new ArrayList<>();
        futures.add(mine);
        int appender = a;
        Thread t =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  for (int i = 0; i < EACH; i++) {
                    mine.add(wal.append(appender, payload(appender, i)).toCompletableFuture());
                  }
                });
        threads.add(t);
        t.start();
      }
      start.countDown();
      for (Thread t : threads) {
        t.join(30_000);
      }
      int total = APPENDERS * EACH;
      boolean[] seen = new boolean[total + 1];
      for (int a = 0; a < APPENDERS; a++) {
        long previous = 0;
        for (CompletableFuture<Long> f : futures.get(a)) {
          long lsn = f.get(30, TimeUnit.SECONDS);
          assertTrue(lsn >= 1 && lsn <= total, "LSN " + lsn + " out of 1.." + total);
          assertTrue(!seen[(int) lsn], "LSN " + lsn + " given twice");
          seen[(int) lsn] = true;
          assertTrue(lsn > previous, "appender " + a + " got " + lsn + " after " + previous);
          previous = lsn;
        }
      }
      assertEquals(total, wal.durableLsn());
      long read = 0;
      for (long from = 1; from <= total; ) {
        List<WalRecord> chunk = wal.read(from, 1000);
        for (WalRecord r : chunk) {
          ByteBuffer b = ByteBuffer.wrap(r.payload());
          int appender = b.getInt();
          int i = b.getInt();
          assertEquals(appender, r.term());
          assertEquals(futures.get(appender).get(i).join(), r.lsn(), "record at its LSN");
          read++;
        }
        from += chunk.size();
      }
      assertEquals(total, read);
      System.out.printf(
          "%d appends by %d appenders in %d group commits%n",
          total, APPENDERS, wal.metrics().batchRecords().count());
    }
  }

  private static byte[] payload(int appender, int i) {
    return ByteBuffer.allocate(64).putInt(appender).putInt(i).array();
  }
}
