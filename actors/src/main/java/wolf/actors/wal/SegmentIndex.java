package wolf.actors.wal;

/**
 * Sparse in-memory index of one segment: the (LSN, offset) of the first record and then of the
 * first record at least {@value #INTERVAL} bytes after the previous entry. Finding LSN {@code x} is
 * a binary search plus a scan of at most about {@value #INTERVAL} bytes. Rebuilt from the records
 * when a segment is opened; costs 16 bytes per entry.
 *
 * <p>Thread-safety: one owner thread adds and truncates; any thread may call {@link #floor}
 * concurrently with {@link #add}. Entries are published through the volatile {@code count}, after
 * the array that holds them. {@link #truncate} must be excluded from readers by the caller (the
 * log's structure lock).
 */
final class SegmentIndex {
  static final int INTERVAL = 64 * 1024;

  private volatile long[] entries = new long[16]; // lsn at 2i, offset at 2i + 1
  private volatile int count;
  private long lastOffset = Long.MIN_VALUE; // owner only

  /** Offers a record that starts at {@code offset}; records must be offered in LSN order. */
  void offer(long lsn, long offset) {
    if (offset - lastOffset < INTERVAL) {
      return;
    }
    long[] e = entries;
    int n = count;
    if (2 * n + 2 > e.length) {
      long[] grown = new long[e.length * 2];
      System.arraycopy(e, 0, grown, 0, 2 * n);
      entries = grown;
      e = grown;
    }
    e[2 * n] = lsn;
    e[2 * n + 1] = offset;
    lastOffset = offset;
    count = n + 1;
  }

  /** Whether {@link #offer} would keep a record at {@code offset}. */
  boolean wants(long offset) {
    return offset - lastOffset >= INTERVAL;
  }

  /**
   * The offset of the last entry whose LSN is at most {@code lsn}, packed with its LSN as {@code
   * long[]{lsn, offset}}, or {@code null} if every entry is after {@code lsn}.
   */
  long[] floor(long lsn) {
    int n = count;
    long[] e = entries;
    int lo = 0;
    int hi = n - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (e[2 * mid] <= lsn) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? null : new long[] {e[2 * found], e[2 * found + 1]};
  }

  /** Drops entries after {@code lastLsn}. */
  void truncate(long lastLsn) {
    int n = count;
    long[] e = entries;
    while (n > 0 && e[2 * (n - 1)] > lastLsn) {
      n--;
    }
    count = n;
    lastOffset = n == 0 ? Long.MIN_VALUE : e[2 * (n - 1) + 1];
  }

  int size() {
    return count;
  }
}
