package wolf.actors.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random appends (own and replicated, some with a wrong LSN), reads, term look-ups, reopens,
 * truncations, resets and segment deletions against a list of records, with tiny segments so that
 * rolls happen all the time. Seeded: a failure prints its seed, and {@code -Dwal.seed=N} runs that
 * one seed.
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
    long baseTerm = 0; // the term of LSN first - 1
    long term = 1;
    long clock = 1_000;
    SegmentedLog log = SegmentedLog.open(dir, options);
    try {
      for (int op = 0; op < OPS; op++) {
        long last = first + model.size() - 1;
        long lastTerm = model.isEmpty() ? baseTerm : model.get(model.size() - 1).term();
        assertEquals(lastTerm, log.lastTerm(), "last term");
        int pick = r.nextInt(100);
        if (pick < 35) {
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
        } else if (pick < 45) {
          // a follower's append: the leader's LSNs, terms and timestamps, sometimes off by some
          int n = 1 + r.nextInt(6);
          long from =
              r.nextInt(4) == 0
                  ? last + 1 + (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(3))
                  : last + 1;
          List<WalRecord> batch = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            term += r.nextInt(5) == 0 ? 1 : 0;
            byte[] p = WalTestSupport.payload(r, 600);
            batch.add(new WalRecord(from + i, term, 500 + r.nextInt(1_000_000), p));
          }
          if (from == last + 1) {
            assertEquals(last + 1, log.append(batch, clock), "first LSN of replicated records");
            model.addAll(batch);
          } else {
            SegmentedLog current = log;
            WalGapException e = assertThrows(WalGapException.class, () -> current.append(batch, 1));
            assertEquals(last + 1, e.expectedLsn());
            assertEquals(from, e.gotLsn());
            assertEquals(last, log.writtenLsn(), "nothing written after a gap");
          }
        } else if (pick < 55) {
          long at = first - 2 + r.nextInt(model.size() + 3);
          OptionalLong expected =
              at == first - 1
                  ? OptionalLong.of(baseTerm)
                  : at < first || at > last
                      ? OptionalLong.empty()
                      : OptionalLong.of(model.get((int) (at - first)).term());
          assertEquals(expected, log.termAt(at), "term at " + at);
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
          assertEquals(lastTerm, log.lastTerm(), "last term after reopen");
          assertEquals(OptionalLong.of(baseTerm), log.termAt(first - 1), "base term after reopen");
          assertEquals(model, readAll(log, first), "records after reopen");
        } else if (pick < 89) {
          long keep = first - 1 + (model.isEmpty() ? 0 : r.nextInt(model.size() + 1));
          log.truncateAfter(keep);
          model.subList((int) (keep - first + 1), model.size()).clear();
          assertEquals(keep, log.writtenLsn(), "written LSN after truncateAfter(" + keep + ")");
          assertEquals(keep + 1, log.nextLsn());
          assertEquals(model, readAll(log, first), "records after truncateAfter(" + keep + ")");
        } else if (pick < 93) {
          // install a snapshot: behind, inside or beyond what the log holds
          long lastLsn = Math.max(0, first - 3 + r.nextInt(model.size() + 40));
          long resetTerm = term + r.nextInt(2);
          term = resetTerm;
          log.resetTo(lastLsn, resetTerm);
          model.clear();
          first = lastLsn + 1;
          baseTerm = resetTerm;
          assertEquals(first, log.firstLsn(), "first LSN after a reset");
          assertEquals(lastLsn, log.writtenLsn(), "written LSN after a reset");
          assertEquals(lastLsn, log.durableLsn(), "durable LSN after a reset");
          assertEquals(resetTerm, log.lastTerm(), "last term after a reset");
          assertEquals(OptionalLong.of(resetTerm), log.termAt(lastLsn), "term at the reset");
          assertEquals(List.of(), readAll(log, first), "an empty log after a reset");
          assertEquals(1, log.segmentFiles().size(), "one segment after a reset");
          if (lastLsn > 0) {
            SegmentedLog current = log;
            assertThrows(WalPrunedException.class, () -> current.read(lastLsn, lastLsn, 1, 100));
          }
        } else {
          long upTo = first - 1 + (model.isEmpty() ? 0 : r.nextInt(model.size() + 1));
          log.deleteSegments(upTo, Long.MAX_VALUE);
          long newFirst = log.firstLsn();
          assertTrue(newFirst >= first && newFirst <= Math.max(first, upTo + 1), "new first LSN");
          if (newFirst > first) {
            baseTerm = model.get((int) (newFirst - first - 1)).term();
          }
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
