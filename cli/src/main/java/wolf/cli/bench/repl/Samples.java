package wolf.cli.bench.repl;

import java.util.Arrays;

/**
 * A growable list of timed measurements: each sample is a point in time ({@link System#nanoTime}
 * scale) and a value in nanoseconds. Not thread-safe: one owner fills it, others read it only after
 * the owner has finished (a thread join is the hand-over).
 */
public final class Samples {
  private long[] at = new long[1024];
  private long[] value = new long[1024];
  private int size;

  public void add(long atNanos, long valueNanos) {
    if (size == at.length) {
      at = Arrays.copyOf(at, size * 2);
      value = Arrays.copyOf(value, size * 2);
    }
    at[size] = atNanos;
    value[size] = valueNanos;
    size++;
  }

  public int size() {
    return size;
  }

  /** The samples whose time lies in {@code [from, to)}. */
  public Samples window(long from, long to) {
    Samples w = new Samples();
    for (int i = 0; i < size; i++) {
      if (at[i] >= from && at[i] < to) {
        w.add(at[i], value[i]);
      }
    }
    return w;
  }

  /** All samples of {@code parts} in one list. */
  public static Samples merge(Iterable<Samples> parts) {
    Samples all = new Samples();
    for (Samples p : parts) {
      for (int i = 0; i < p.size; i++) {
        all.add(p.at[i], p.value[i]);
      }
    }
    return all;
  }

  /**
   * The {@code q}-quantile (0..1, nearest rank) of the values in milliseconds, or NaN if there are
   * none.
   */
  public double quantileMs(double q) {
    return quantile(q) / 1e6;
  }

  /** The {@code q}-quantile (0..1, nearest rank) of the raw values, or NaN if there are none. */
  public double quantile(double q) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(value, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * size) - 1;
    return sorted[Math.max(0, Math.min(size - 1, rank))];
  }

  /** The mean of the raw values, or NaN if there are none. */
  public double mean() {
    if (size == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += value[i];
    }
    return sum / size;
  }

  public double maxMs() {
    return quantileMs(1.0);
  }
}
