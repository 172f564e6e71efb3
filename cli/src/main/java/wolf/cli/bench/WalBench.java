package wolf.cli.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import wolf.actors.wal.SegmentedLog;
import wolf.actors.wal.Wal;
import wolf.config.WalSettings;

/**
 * {@code ./run.sh bench wal [--dir DIR] [--seconds N] [--recover-mib N]}: the write-ahead log
 * against a raw baseline taken by the same harness on the same disk (sequential writes plus
 * fdatasync of the same sizes, straight to one file).
 *
 * <ul>
 *   <li>256-byte records, {@code fsync = true}, 1, 8 and 64 closed-loop appenders (each waits for
 *       its previous append): appends/s, p50/p99 latency. Baseline: one write of {@code c * 256}
 *       bytes plus fdatasync per round, that is a perfect group commit of {@code c} records.
 *   <li>The same at half the 200,000/s goal, paced open-loop at 100,000 appends/s (latency from the
 *       scheduled send time, so a stall cannot hide).
 *   <li>1 MiB records, one appender, fsync: MB/s against a 1 MiB write + fdatasync loop,
 *       interleaved in rounds so both see the same disk weather.
 *   <li>Recovery: open of a 1 GiB log of 256-byte records, with a cold page cache when run as root
 *       (caches dropped), and warm.
 * </ul>
 *
 * The log lives under {@code --dir} (default {@code target/bench-wal} in the working directory, on
 * the real disk, never tmpfs) and is deleted at the end.
 */
final class WalBench {
  private static final int SMALL = 256;
  private static final int LARGE = 1 << 20;
  private static final long PACED_RATE = 100_000;
  private static final int TICKS_PER_S = 10_000; // the paced sender sends 10 every 100 us

  private WalBench() {}

  private record Row(String workload, double opsPerS, double p50Ms, double p99Ms) {}

  static void main(String[] args) throws Exception {
    Path dir = Path.of("target", "bench-wal");
    int seconds = 5;
    long recoverMib = 1024;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--recover-mib" -> recoverMib = Long.parseLong(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "usage: bench wal [--dir DIR] [--seconds N] [--recover-mib N]; unknown " + args[i]);
      }
    }
    Path base = dir.toAbsolutePath();
    deleteTree(base);
    Files.createDirectories(base);
    System.out.printf(
        "WAL benchmark in %s (%s), %d s per measurement, JDK %s, %d cores%n",
        base,
        Files.getFileStore(base).type(),
        seconds,
        Runtime.version(),
        Runtime.getRuntime().availableProcessors());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "wal-bench");
    try {
      run(system, base, seconds, recoverMib);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      deleteTree(base);
    }
  }

  private static void run(ActorSystem<Void> system, Path base, int seconds, long recoverMib)
      throws Exception {
    WalSettings settings = new WalSettings(1000, 0, false, 64, 0, true);
    List<Row> wal = new ArrayList<>();
    List<Row> raw = new ArrayList<>();
    for (int c : new int[] {1, 8, 64}) {
      raw.add(rawSmall(base.resolve("raw-" + c), c, seconds));
      wal.add(closedLoop(system, base.resolve("wal-" + c), settings, c, SMALL, seconds));
    }
    Row paced = paced(system, base.resolve("wal-paced"), settings, seconds);
    double[] bw = bandwidth(system, base, settings, seconds);
    double[] recovery = recovery(base.resolve("recover"), recoverMib);

    System.out.println();
    System.out.printf(
        "%-34s %12s %8s %8s   %12s %8s %8s%n",
        "256 B records, fsync = true",
        "WAL ops/s",
        "p50 ms",
        "p99 ms",
        "raw ops/s",
        "p50 ms",
        "p99 ms");
    for (int i = 0; i < wal.size(); i++) {
      Row w = wal.get(i);
      Row r = raw.get(i);
      System.out.printf(
          "%-34s %12.0f %8.3f %8.3f   %12.0f %8.3f %8.3f%n",
          w.workload(), w.opsPerS(), w.p50Ms(), w.p99Ms(), r.opsPerS(), r.p50Ms(), r.p99Ms());
    }
    System.out.printf(
        "%-34s %12.0f %8.3f %8.3f   %12s%n",
        paced.workload(), paced.opsPerS(), paced.p50Ms(), paced.p99Ms(), "-");
    System.out.printf(
        "%-34s %12.1f %8s %8s   %12.1f   ratio %.2f%n",
        "1 MiB records, fsync, 1 appender", bw[0], "MB/s", "", bw[1], bw[0] / bw[1]);
    System.out.printf(
        "%-34s %12.2f s cold (page cache dropped: %s), %.2f s warm%n",
        "recovery of a " + recoverMib + " MiB log",
        recovery[0],
        recovery[2] > 0 ? "yes" : "no, not root",
        recovery[1]);
    double recoverS = recovery[2] > 0 ? recovery[0] : recovery[1];
    System.out.printf(
        "RESULT wal appends_per_s=%.0f p99_ms=%.3f bw_ratio=%.2f recover_s=%.2f%n",
        wal.get(2).opsPerS(), paced.p99Ms(), bw[0] / bw[1], recoverS);
  }

  /** Closed loop: {@code c} appenders, each sends its next append when the previous is durable. */
  private static Row closedLoop(
      ActorSystem<Void> system, Path dir, WalSettings settings, int c, int size, int seconds)
      throws Exception {
    byte[] payload = randomBytes(size);
    long[][] lat = new long[c][];
    int[] counts = new int[c];
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger stopped = new AtomicInteger();
    try (Wal wal = Wal.open(system, dir, settings)) {
      for (int a = 0; a < c; a++) {
        lat[a] = new long[1 << 16];
        int appender = a;
        new Object() {
          void next() {
            long t0 = System.nanoTime();
            wal.append(1, payload)
                .whenComplete(
                    (lsn, err) -> {
                      if (err != null) {
                        throw new IllegalStateException(err);
                      }
                      if (measuring.get()) {
                        int n = counts[appender]++;
                        if (n == lat[appender].length) {
                          lat[appender] = Arrays.copyOf(lat[appender], n * 2);
                        }
                        lat[appender][n] = System.nanoTime() - t0;
                      }
                      if (running.get()) {
                        next();
                      } else {
                        stopped.incrementAndGet();
                      }
                    });
          }
        }.next();
      }
      Thread.sleep(1500); // warm-up
      measuring.set(true);
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      measuring.set(false);
      long elapsed = System.nanoTime() - start;
      running.set(false);
      while (stopped.get() < c) {
        Thread.sleep(1);
      }
      int total = Arrays.stream(counts).sum();
      long[] all = new long[total];
      int at = 0;
      for (int a = 0; a < c; a++) {
        System.arraycopy(lat[a], 0, all, at, counts[a]);
        at += counts[a];
      }
      Row row =
          row(String.format("%d appender%s", c, c == 1 ? "" : "s"), total / (elapsed / 1e9), all);
      System.out.printf(
          "wal  %-22s %10.0f appends/s  p50 %.3f ms  p99 %.3f ms  (%d group commits, fsync p50"
              + " <= %d us)%n",
          row.workload(),
          row.opsPerS(),
          row.p50Ms(),
          row.p99Ms(),
          wal.metrics().batchRecords().count(),
          wal.metrics().fsyncMicros().quantileUpperBound(0.5));
      return row;
    }
  }

  /**
   * Open loop at {@link #PACED_RATE}: sends on a fixed schedule (10 appends every 100 us), whatever
   * the answers do, for a 2 s warm-up and then {@code seconds} measured.
   */
  private static Row paced(ActorSystem<Void> system, Path dir, WalSettings settings, int seconds)
      throws Exception {
    byte[] payload = randomBytes(SMALL);
    int perTick = (int) (PACED_RATE / TICKS_PER_S);
    int warmTicks = 2 * TICKS_PER_S;
    int ticks = warmTicks + seconds * TICKS_PER_S;
    int measured = (ticks - warmTicks) * perTick;
    AtomicLongArray lat = new AtomicLongArray(measured);
    long[] late = new long[ticks - warmTicks];
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    try (Wal wal = Wal.open(system, dir, settings)) {
      long start = System.nanoTime();
      long measureStart = start + warmTicks * (1_000_000_000L / TICKS_PER_S);
      for (int tick = 0; tick < ticks; tick++) {
        long due = start + tick * (1_000_000_000L / TICKS_PER_S);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        if (tick >= warmTicks) {
          late[tick - warmTicks] = System.nanoTime() - due;
        }
        for (int k = 0; k < perTick; k++) {
          int idx = (tick - warmTicks) * perTick + k;
          wal.append(1, payload)
              .whenComplete(
                  (lsn, err) -> {
                    if (err != null) {
                      failed.incrementAndGet();
                    } else if (idx >= 0) {
                      lat.set(idx, System.nanoTime() - due);
                    }
                    done.incrementAndGet();
                  });
        }
      }
      while (done.get() < ticks * perTick) {
        Thread.sleep(1);
      }
      long elapsed = System.nanoTime() - measureStart;
      long[] lateSorted = late.clone();
      Arrays.sort(lateSorted);
      long[] all = new long[measured];
      int at = 0;
      for (int i = 0; i < measured; i++) {
        if (lat.get(i) > 0) {
          all[at++] = lat.get(i);
        }
      }
      Row row =
          row(
              String.format("paced at %,d/s (half the goal)", PACED_RATE),
              at / (elapsed / 1e9),
              Arrays.copyOf(all, at));
      System.out.printf(
          "wal  %-22s %10.0f appends/s  p50 %.3f ms  p99 %.3f ms  (%d rejected; sender late p99"
              + " %.3f ms, max %.1f ms; whole run: fsync p50/p99/p99.9 <= %d/%d/%d us, max %.1f ms;"
              + " batch p50/p99 <= %d/%d records)%n",
          row.workload(),
          row.opsPerS(),
          row.p50Ms(),
          row.p99Ms(),
          failed.get(),
          pct(lateSorted, 0.99),
          lateSorted[lateSorted.length - 1] / 1e6,
          wal.metrics().fsyncMicros().quantileUpperBound(0.5),
          wal.metrics().fsyncMicros().quantileUpperBound(0.99),
          wal.metrics().fsyncMicros().quantileUpperBound(0.999),
          wal.metrics().fsyncMicros().max() / 1e3,
          wal.metrics().batchRecords().quantileUpperBound(0.5),
          wal.metrics().batchRecords().quantileUpperBound(0.99));
      return row;
    }
  }

  /** Raw baseline for {@code c} records of 256 bytes: one write of c * 256 bytes + fdatasync. */
  private static Row rawSmall(Path file, int c, int seconds) throws IOException {
    ByteBuffer b = ByteBuffer.allocateDirect(c * SMALL);
    b.put(randomBytes(c * SMALL)).flip();
    long[] lat = new long[1 << 16];
    int n = 0;
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long pos = 0;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      long start = System.nanoTime();
      long now = start;
      while (now < end) {
        b.rewind();
        while (b.hasRemaining()) {
          pos += ch.write(b, pos);
        }
        ch.force(false);
        long t = System.nanoTime();
        if (n == lat.length) {
          lat = Arrays.copyOf(lat, n * 2);
        }
        lat[n++] = t - now;
        now = t;
      }
      Row row = row("raw", (double) n * c / ((now - start) / 1e9), Arrays.copyOf(lat, n));
      System.out.printf(
          "raw  %-22s %10.0f records/s  p50 %.3f ms  p99 %.3f ms%n",
          c + " x 256 B per fdatasync", row.opsPerS(), row.p50Ms(), row.p99Ms());
      return row;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** MB/s of 1 MiB appends through the WAL and raw, interleaved in rounds; {wal, raw}. */
  private static double[] bandwidth(
      ActorSystem<Void> system, Path base, WalSettings settings, int seconds) throws Exception {
    byte[] payload = randomBytes(LARGE);
    ByteBuffer rawBuf = ByteBuffer.allocateDirect(LARGE);
    rawBuf.put(payload).flip();
    int rounds = 3;
    long roundNanos = TimeUnit.SECONDS.toNanos(Math.max(1, seconds * 2 / rounds));
    long walBytes = 0;
    long walNanos = 0;
    long rawBytes = 0;
    long rawNanos = 0;
    for (int r = 0; r < rounds; r++) {
      Path file = base.resolve("raw-large");
      try (FileChannel ch =
          FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        long pos = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < roundNanos) {
          rawBuf.rewind();
          while (rawBuf.hasRemaining()) {
            pos += ch.write(rawBuf, pos);
          }
          ch.force(false);
        }
        rawNanos += System.nanoTime() - start;
        rawBytes += pos;
      } finally {
        Files.deleteIfExists(file);
      }
      Path dir = base.resolve("wal-large-" + r);
      try (Wal wal = Wal.open(system, dir, settings)) {
        long start = System.nanoTime();
        long n = 0;
        while (System.nanoTime() - start < roundNanos) {
          wal.append(1, payload).toCompletableFuture().join();
          n++;
        }
        walNanos += System.nanoTime() - start;
        walBytes += n * LARGE;
      }
      deleteTree(dir);
    }
    double walMbs = walBytes / (walNanos / 1e9) / 1e6;
    double rawMbs = rawBytes / (rawNanos / 1e9) / 1e6;
    System.out.printf(
        "1 MiB records, fsync: wal %.1f MB/s, raw %.1f MB/s (%d interleaved rounds)%n",
        walMbs, rawMbs, rounds);
    return new double[] {walMbs, rawMbs};
  }

  /** Builds a log of {@code mib} MiB of 256-byte records; {cold s, warm s, 1 if cold}. */
  private static double[] recovery(Path dir, long mib) throws Exception {
    SegmentedLog.Options options = new SegmentedLog.Options(64L << 20, false, false);
    Random r = new Random(1);
    List<SegmentedLog.Entry> batch = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      byte[] p = new byte[SMALL];
      r.nextBytes(p);
      batch.add(SegmentedLog.Entry.of(1, p));
    }
    long records;
    try (SegmentedLog log = SegmentedLog.open(dir, options)) {
      while (sizeOf(dir) < (mib << 20)) {
        for (int i = 0; i < 100; i++) {
          log.append(batch, System.currentTimeMillis());
        }
      }
      log.flush();
      records = log.writtenLsn();
    }
    boolean cold = dropCaches();
    long t0 = System.nanoTime();
    try (SegmentedLog log = SegmentedLog.open(dir, options)) {
      if (log.writtenLsn() != records) {
        throw new IllegalStateException("recovered " + log.writtenLsn() + " of " + records);
      }
    }
    double first = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    try (SegmentedLog log = SegmentedLog.open(dir, options)) {
      if (log.writtenLsn() != records) {
        throw new IllegalStateException("recovered " + log.writtenLsn() + " of " + records);
      }
    }
    double warm = (System.nanoTime() - t1) / 1e9;
    System.out.printf(
        "recovery: %d MiB, %,d records in %d segments: %.2f s %s, %.2f s warm%n",
        sizeOf(dir) >> 20,
        records,
        countSegments(dir),
        first,
        cold ? "cold" : "(cache not dropped)",
        warm);
    deleteTree(dir);
    return new double[] {first, warm, cold ? 1 : 0};
  }

  /** Writes back and drops the page cache; false if that is not allowed (not root). */
  private static boolean dropCaches() {
    try {
      new ProcessBuilder("sync").inheritIO().start().waitFor();
      Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Row row(String name, double opsPerS, long[] nanos) {
    Arrays.sort(nanos);
    return new Row(name, opsPerS, pct(nanos, 0.50), pct(nanos, 0.99));
  }

  private static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(42).nextBytes(b);
    return b;
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    }
  }

  private static long countSegments(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("wal-")).count();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
