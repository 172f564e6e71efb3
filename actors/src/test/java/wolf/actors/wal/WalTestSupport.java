package wolf.actors.wal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import wolf.config.WalSettings;

/** Shared helpers: seeds, payloads, settings. */
final class WalTestSupport {
  private WalTestSupport() {}

  /**
   * The seeds a seeded test runs: just {@code -Dwal.seed=N} when given, else {@code n} fresh ones.
   */
  static List<Long> seeds(int n) {
    String fixed = System.getProperty("wal.seed");
    List<Long> out = new ArrayList<>();
    if (fixed != null && !fixed.isBlank()) {
      out.add(Long.parseLong(fixed.trim()));
      return out;
    }
    Random master = new Random();
    for (int i = 0; i < n; i++) {
      out.add(master.nextLong());
    }
    return out;
  }

  /** Runs {@code body} for each seed; a failure names the seed and how to reproduce it. */
  static void forEachSeed(int n, LongConsumer body) {
    for (long seed : seeds(n)) {
      try {
        body.accept(seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "failed with seed " + seed + " (reproduce with -Dwal.seed=" + seed + "): " + e, e);
      }
    }
  }

  /** A payload: sometimes empty, small, text-like (compressible) or random, up to {@code max}. */
  static byte[] payload(Random r, int max) {
    int kind = r.nextInt(10);
    int n = kind == 0 ? 0 : kind < 4 ? r.nextInt(Math.min(64, max) + 1) : r.nextInt(max + 1);
    byte[] b = new byte[n];
    if (r.nextBoolean()) {
      r.nextBytes(b);
    } else {
      byte[] text =
          ("INSERT INTO t (id, name) VALUES (" + r.nextInt(1000) + ", 'wolf'); ")
              .getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < n; i++) {
        b[i] = text[i % text.length];
      }
    }
    return b;
  }

  /**
   * Appends {@code n} records {@code "record <from + i>"} in {@code term} and waits for the last.
   */
  static void appendN(Wal wal, long term, int from, int n) throws Exception {
    CompletionStage<Long> last = null;
    for (int i = from; i < from + n; i++) {
      last = wal.append(term, ("record " + i).getBytes(StandardCharsets.US_ASCII));
    }
    last.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static WalSettings settings(int batchSize, int flushIntervalMs, boolean fsync) {
    return new WalSettings(batchSize, flushIntervalMs, true, 64, 0, fsync);
  }

  static WalSettings settings(
      int batchSize, int flushIntervalMs, boolean fsync, int retentionHours) {
    return new WalSettings(batchSize, flushIntervalMs, true, 64, retentionHours, fsync);
  }
}
