package wolf.actors.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * The shape of one node's log as its terms: the first LSN of every term it holds, oldest first,
 * plus the last LSN. Terms only grow along a log, so this short list describes which term every LSN
 * carries; comparing two lists finds where two logs stop agreeing.
 *
 * <p>The <b>log-matching rule</b> this relies on: a leader writes at most one record per (term,
 * LSN), and a follower appends a leader's records only after the point where both logs agree. So
 * two logs that carry the same term at LSN x hold identical records up to x.
 *
 * <p>The first entry may describe the point a log was reset to ({@code startLsn == firstLsn - 1},
 * the record itself gone). Immutable; cross-node (inside {@link Protocol} messages).
 *
 * @param starts {@code (term, firstLsn)} of every term, ascending in both
 * @param lastLsn the last LSN held (0 for an empty, never-reset log)
 */
public record Epochs(List<Start> starts, long lastLsn) {

  /** Term {@code term} begins at {@code lsn}. */
  public record Start(long term, long lsn) {}

  public Epochs {
    starts = List.copyOf(starts);
  }

  public static Epochs empty() {
    return new Epochs(List.of(), 0);
  }

  /**
   * Reads the epochs of a log by binary search over {@code termAt} (terms are non-decreasing), at
   * most {@code ~log2(n)} reads per term change. Blocking when {@code termAt} is.
   *
   * @param from the lowest LSN {@code termAt} answers for (the first record, or a reset point)
   * @param to the last LSN held
   */
  public static Epochs read(long from, long to, LongFunction<OptionalLong> termAt) {
    List<Start> starts = new ArrayList<>();
    long lsn = from;
    while (lsn <= to && to > 0) {
      long term = termAt.apply(lsn).orElseThrow(() -> new IllegalStateException("no term"));
      starts.add(new Start(term, lsn));
      // the last LSN carrying `term`
      long lo = lsn;
      long hi = to;
      while (lo < hi) {
        long mid = lo + (hi - lo + 1) / 2;
        if (termAt.apply(mid).orElseThrow() == term) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      lsn = lo + 1;
    }
    return new Epochs(starts, to);
  }

  /** The term of the last LSN (0 when the log is empty). */
  public long lastTerm() {
    return starts.isEmpty() ? 0 : starts.get(starts.size() - 1).term();
  }

  /** The term at {@code lsn}, or empty when {@code lsn} is outside what this log describes. */
  public OptionalLong termAt(long lsn) {
    if (starts.isEmpty() || lsn < starts.get(0).lsn() || lsn > lastLsn) {
      return OptionalLong.empty();
    }
    for (int i = starts.size() - 1; i >= 0; i--) {
      if (starts.get(i).lsn() <= lsn) {
        return OptionalLong.of(starts.get(i).term());
      }
    }
    return OptionalLong.empty();
  }

  /** The lowest LSN this log describes, or {@code lastLsn + 1} when it describes none. */
  public long firstLsn() {
    return starts.isEmpty() ? lastLsn + 1 : starts.get(0).lsn();
  }

  /** These epochs after appending records of {@code term} up to {@code lastLsn}. */
  public Epochs append(long term, long firstLsn, long newLast) {
    if (newLast < firstLsn) {
      return this;
    }
    List<Start> s = new ArrayList<>(starts);
    if (s.isEmpty() || s.get(s.size() - 1).term() != term) {
      if (!s.isEmpty() && term < lastTerm()) {
        throw new IllegalArgumentException("term " + term + " after " + lastTerm());
      }
      s.add(new Start(term, firstLsn));
    }
    return new Epochs(s, newLast);
  }

  /** These epochs after removing every LSN above {@code lastKept}. */
  public Epochs truncateAfter(long lastKept) {
    if (lastKept >= lastLsn) {
      return this;
    }
    List<Start> s = new ArrayList<>();
    for (Start st : starts) {
      if (st.lsn() <= lastKept) {
        s.add(st);
      }
    }
    return new Epochs(s, lastKept);
  }

  /** A log reset to hold nothing but the point {@code (lastTerm, lastLsn)}. */
  public static Epochs resetPoint(long lastLsn, long lastTerm) {
    return new Epochs(List.of(new Start(lastTerm, lastLsn)), lastLsn);
  }

  /**
   * The highest LSN at which this log and {@code other} carry the same term — by the log-matching
   * rule, both hold identical records up to it. 0 when they share nothing they both describe;
   * callers check that result against what each side still holds.
   */
  public long matchPoint(Epochs other) {
    long hi = Math.min(lastLsn, other.lastLsn);
    long lo = Math.max(firstLsn(), other.firstLsn());
    // Terms are step functions; the highest agreeing LSN is at a segment end or at hi.
    long best = 0;
    List<Long> candidates = new ArrayList<>();
    candidates.add(hi);
    for (Start s : starts) {
      candidates.add(s.lsn() - 1);
    }
    for (Start s : other.starts) {
      candidates.add(s.lsn() - 1);
    }
    for (long c : candidates) {
      if (c < lo || c > hi || c <= best) {
        continue;
      }
      OptionalLong a = termAt(c);
      OptionalLong b = other.termAt(c);
      if (a.isPresent() && b.isPresent() && a.getAsLong() == b.getAsLong()) {
        best = c;
      }
    }
    return best;
  }
}
