package wolf.actors.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random appends, reads, reopens, truncations and segment deletions against a list of records, with
 * tiny segments so that rolls happen all the time. Seeded: a failure prints its seed, and {@code
 * -Dwal.seed=N} runs that one seed.
 */
class SegmentedLogPropertyTest {
  private static final int SEEDS = 16;
  private static final int OPS = 300;

  @TempDir Path tmp;

  @Test
  void randomOperationsMatchAnInMemoryModel() {
    WalTestSupport.forEachSeed(
        SEEDS,
        seed -> {
          try {
            run(seed);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private void run(long seed) throws IOException {
    Random r = new Random(seed);
    Path dir = tmp.resolve("log-" + Long.toUnsignedString(seed));
    SegmentedLog.Options options =
        new SegmentedLog.Options(256 + r.nextInt(8192), r.nextBoolean(), r.nextInt(8) == 0);
    List<WalRecord> model = new ArrayList<>(); // model.get(i) has LSN first + i
    long first = 1;
    long term = 1;
    long clock = 1_000;
    SegmentedLog log = SegmentedLog.open(dir, options);
    try {
      for (int op = 0; op < OPS; op++) {
        long last = first + model.size() - 1;
        int pick = r.nextInt(100);
        if (pick < 45) {
          if (r.nextInt(10) == 0) {
            term++;
          }
          clock += r.nextInt(1000);
          int n = 1 + r.nextInt(r.nextInt(10) == 0 ? 60 : 8);
          List<SegmentedLog.Entry> batch = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            int max = r.nextInt(20) == 0 ? 3 * (int) options.segmentBytes() : 600;
            byte[] p = WalTestSupport.payload(r, max);
            batch.add(SegmentedLog.Entry.of(term, p));
            model.add(new WalRecord(last + 1 + i, term, clock, p));
          }
          assertEquals(last + 1, log.append(batch, clock), "first LSN of a batch");
          if (r.nextBoolean()) {
            log.flush();
            assertEquals(last + n, log.durableLsn());
          }
          assertEquals(last + n, log.writtenLsn());
        } else if (pick < 75) {
          long from = first + (model.isEmpty() ? 0 : r.nextInt(model.size() + 1));
          int max = 1 + r.nextInt(50);
          boolean bounded = r.nextBoolean();
          long maxBytes = bounded ? 1 + r.nextInt(4000) : Long.MAX_VALUE;
          List<WalRecord> got = log.read(from, Long.MAX_VALUE, max, maxBytes);
          int at = (int) (from - first);
          int expectedMax = Math.min(max, model.size() - at);
          assertTrue(got.size() <= expectedMax, "read returned too many");
          if (expectedMax > 0) {
            assertTrue(!got.isEmpty(), "read from " + from + " returned nothing");
          }
          if (!bounded) {
            assertEquals(expectedMax, got.size(), "read without a byte bound");
          }
          assertEquals(model.subList(at, at + got.size()), got, "records read from " + from);
        } else if (pick < 85) {
          log.close();
          log = SegmentedLog.open(dir, options);
          assertEquals(last, log.writtenLsn(), "last LSN after reopen");
          assertEquals(last, log.durableLsn(), "durable LSN after reopen");
          assertEquals(first, log.firstLsn(), "first LSN after reopen");
          assertEquals(model, readAll(log, first), "records after reopen");
        } else if (pick < 95) {
          long keep = first - 1 + (model.isEmpty() ? 0 : r.nextInt(model.size() + 1));
          log.truncateAfter(keep);
          model.subList((int) (keep - first + 1), model.size()).clear();
          assertEquals(keep, log.writtenLsn(), "written LSN after truncateAfter(" + keep + ")");
          assertEquals(keep + 1, log.nextLsn());
          assertEquals(model, readAll(log, first), "records after truncateAfter(" + keep + ")");
        } else {
          long upTo = first - 1 + (model.isEmpty() ? 0 : r.nextInt(model.size() + 1));
          log.deleteSegments(upTo, Long.MAX_VALUE);
          long newFirst = log.firstLsn();
          assertTrue(newFirst >= first && newFirst <= Math.max(first, upTo + 1), "new first LSN");
          model.subList(0, (int) (newFirst - first)).clear();
          first = newFirst;
          if (first > 1) {
            long before = first - 1;
            SegmentedLog current = log;
            assertThrows(
                WalPrunedException.class, () -> current.read(before, Long.MAX_VALUE, 1, 100));
          }
          assertEquals(model, readAll(log, first), "records after deleting segments");
        }
      }
    } finally {
      log.close();
    }
  }

  static List<WalRecord> readAll(SegmentedLog log, long from) throws IOException {
    List<WalRecord> all = new ArrayList<>();
    while (true) {
      List<WalRecord> chunk = log.read(from, Long.MAX_VALUE, 37, 5000);
      if (chunk.isEmpty()) {
        return all;
      }
      all.addAll(chunk);
      from = chunk.get(chunk.size() - 1).lsn() + 1;
    }
  }
}
