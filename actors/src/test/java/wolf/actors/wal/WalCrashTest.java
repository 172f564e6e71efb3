package wolf.actors.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM ({@link CrashChild}) appends as fast as it can and is killed with SIGKILL at a random
 * moment, three times over the same directory. After each kill the log is reopened: every LSN
 * acknowledged to this process is there with the payload that was sent, and the LSNs are contiguous
 * from 1. The kill moments are seeded ({@code -Dwal.seed=N}).
 */
class WalCrashTest {
  private static final int ROUNDS = 3;

  @TempDir Path tmp;

  /** One acknowledged append as the child reported it. */
  private record Ack(long lsn, int appender, long seq) {}

  @Test
  void everyAcknowledgedAppendSurvivesKill9() {
    WalTestSupport.forEachSeed(
        1,
        seed -> {
          try {
            run(seed);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  private void run(long seed) throws IOException, InterruptedException {
    Random r = new Random(seed);
    Path dir = tmp.resolve("crash");
    long previousLast = 0;
    for (int round = 1; round <= ROUNDS; round++) {
      List<Ack> acks = new CopyOnWriteArrayList<>();
      long[] readyAt = {-1};
      Process child =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-Xmx256m",
                  "-XX:+UseSerialGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  CrashChild.class.getName(),
                  dir.toString(),
                  Integer.toString(round))
              .redirectError(tmp.resolve("child-" + round + ".err").toFile())
              .start();
      Thread reader = new Thread(() -> readAcks(child, acks, readyAt), "crash-child-reader");
      reader.start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int wanted = 500 + r.nextInt(3000);
        while (acks.size() < wanted && child.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertTrue(child.isAlive(), "the child died by itself; see child-" + round + ".err");
        assertTrue(acks.size() >= wanted, "the child acknowledged only " + acks.size());
        Thread.sleep(r.nextInt(300));
      } finally {
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
      }
      reader.join(10_000);
      assertEquals(previousLast, readyAt[0], "the child reopened the log where it ended");
      previousLast = check(dir, round, acks);
    }
  }

  private static void readAcks(Process child, List<Ack> acks, long[] readyAt) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      List<Ack> batch = new ArrayList<>();
      while ((line = in.readLine()) != null) {
        String[] f = line.split(" ");
        if (f.length == 2 && f[0].equals("READY")) {
          readyAt[0] = Long.parseLong(f[1]);
        } else if (f.length == 5 && f[0].equals("ACK") && f[4].equals(".")) {
          batch.add(new Ack(Long.parseLong(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3])));
          if (!in.ready()) {
            acks.addAll(batch);
            batch.clear();
          }
        }
      }
      acks.addAll(batch);
    } catch (IOException e) {
      // the child was killed: what was read is what was acknowledged
    }
  }

  /** Reopens the log and checks it against the acknowledgements; returns its last LSN. */
  private static long check(Path dir, int round, List<Ack> acks) throws IOException {
    try (SegmentedLog log = SegmentedLog.open(dir, new SegmentedLog.Options(1 << 20, true, true))) {
      long last = log.writtenLsn();
      List<WalRecord> all = SegmentedLogPropertyTest.readAll(log, 1);
      assertEquals(last, all.size(), "records 1.." + last + " all present");
      for (int i = 0; i < all.size(); i++) {
        assertEquals(i + 1, all.get(i).lsn(), "contiguous LSNs");
      }
      for (Ack a : acks) {
        assertTrue(a.lsn() <= last, "acknowledged LSN " + a.lsn() + " lost; log ends at " + last);
        WalRecord rec = all.get((int) a.lsn() - 1);
        assertEquals(round, rec.term(), "term of LSN " + a.lsn());
        assertArrayEquals(
            CrashChild.payload(round, a.appender(), a.seq()), rec.payload(), "LSN " + a.lsn());
      }
      System.out.printf(
          "round %d: %d acknowledged, log ends at LSN %d in %d segments%n",
          round, acks.size(), last, log.segmentFiles().size());
      return last;
    }
  }
}
