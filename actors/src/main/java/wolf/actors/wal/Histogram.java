package wolf.actors.wal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram with fixed bucket upper bounds, cumulative like Prometheus' (each observation counts
 * in the first bucket whose bound is at least the value; values above the last bound count only in
 * {@code +Inf}). Thread-safe; observations are lock-free.
 */
public final class Histogram {
  private final String unit;
  private final long[] bounds;
  private final AtomicLongArray counts;
  private final LongAdder sum = new LongAdder();
  private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);

  /**
   * @param unit what the values are, for rendering ("microseconds", "records")
   * @param bounds strictly increasing upper bounds
   */
  public Histogram(String unit, long... bounds) {
    for (int i = 1; i < bounds.length; i++) {
      if (bounds[i] <= bounds[i - 1]) {
        throw new IllegalArgumentException("bounds must increase: " + Arrays.toString(bounds));
      }
    }
    this.unit = unit;
    this.bounds = bounds.clone();
    this.counts = new AtomicLongArray(bounds.length + 1);
  }

  public void observe(long value) {
    int i = Arrays.binarySearch(bounds, value);
    counts.incrementAndGet(i >= 0 ? i : -i - 1);
    sum.add(value);
    max.accumulateAndGet(value, Math::max);
  }

  public String unit() {
    return unit;
  }

  /** The upper bounds, without {@code +Inf}. */
  public long[] bounds() {
    return bounds.clone();
  }

  /**
   * Cumulative counts: element {@code i} counts values up to {@code bounds()[i]}; the last is all.
   */
  public long[] cumulativeCounts() {
    long[] c = new long[counts.length()];
    long run = 0;
    for (int i = 0; i < c.length; i++) {
      run += counts.get(i);
      c[i] = run;
    }
    return c;
  }

  public long count() {
    long[] c = cumulativeCounts();
    return c[c.length - 1];
  }

  /** The largest value observed; 0 when empty. */
  public long max() {
    long m = max.get();
    return m == Long.MIN_VALUE ? 0 : m;
  }

  public long sum() {
    return sum.sum();
  }

  /**
   * The bound of the bucket holding quantile {@code q} (0..1): an upper estimate; {@code
   * Long.MAX_VALUE} if it falls above the last bound, 0 when empty.
   */
  public long quantileUpperBound(double q) {
    long[] c = cumulativeCounts();
    long total = c[c.length - 1];
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * total);
    for (int i = 0; i < bounds.length; i++) {
      if (c[i] >= rank) {
        return bounds[i];
      }
    }
    return Long.MAX_VALUE;
  }

  /** Prometheus text exposition of this histogram under {@code name}. */
  public void renderPrometheus(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" histogram\n");
    long[] c = cumulativeCounts();
    for (int i = 0; i < bounds.length; i++) {
      out.append(name).append("_bucket{le=\"").append(bounds[i]).append("\"} ").append(c[i]);
      out.append('\n');
    }
    out.append(name).append("_bucket{le=\"+Inf\"} ").append(c[c.length - 1]).append('\n');
    out.append(name).append("_sum ").append(sum()).append('\n');
    out.append(name).append("_count ").append(c[c.length - 1]).append('\n');
  }
}
