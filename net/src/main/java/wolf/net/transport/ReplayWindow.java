package wolf.net.transport;

/**
 * Sliding anti-replay window over 64-bit counters, the bitmap scheme of RFC 6479: a ring of 64
 * blocks of 64 bits. Counters within {@link #WINDOW} below the highest accepted one are tracked
 * individually; older ones are refused; newer ones slide the window forward, clearing whole blocks.
 *
 * <p>Checking and accepting are separate because a counter may enter the window only after its
 * packet's AEAD tag verified: {@link #check} is called before decryption (cheap early refusal),
 * {@link #accept} after. Thread-safe (synchronized; the critical section is a few instructions).
 * Counters are non-negative; the codec refuses larger ones before they get here.
 */
public final class ReplayWindow {
  /** The counter is new: accept (or accepted). */
  public static final int OK = 0;

  /** The counter was seen before. */
  public static final int DUPLICATE = 1;

  /** The counter is older than the window. */
  public static final int TOO_OLD = 2;

  private static final int BLOCK_BITS_LOG = 6;
  private static final int RING_BLOCKS = 64;
  private static final int BLOCK_MASK = RING_BLOCKS - 1;

  /** Counters tracked below the highest: one block of the ring is always being recycled. */
  public static final long WINDOW = (RING_BLOCKS - 1) * 64L;

  private final long[] ring = new long[RING_BLOCKS];
  private long last;

  /** {@link #OK}, {@link #DUPLICATE} or {@link #TOO_OLD}; does not change the window. */
  public synchronized int check(long counter) {
    if (counter > last) {
      return OK;
    }
    if (last - counter >= WINDOW) {
      return TOO_OLD;
    }
    long block = ring[(int) ((counter >>> BLOCK_BITS_LOG) & BLOCK_MASK)];
    return (block & (1L << (counter & 63))) != 0 ? DUPLICATE : OK;
  }

  /**
   * Marks {@code counter} as received, sliding the window if it is the newest. Returns {@link #OK}
   * if it was new, else why not (another thread may have accepted it since {@link #check}).
   */
  public synchronized int accept(long counter) {
    if (counter > last) {
      long current = last >>> BLOCK_BITS_LOG;
      long diff = Math.min((counter >>> BLOCK_BITS_LOG) - current, RING_BLOCKS);
      for (long i = 1; i <= diff; i++) {
        ring[(int) ((current + i) & BLOCK_MASK)] = 0;
      }
      last = counter;
    } else if (last - counter >= WINDOW) {
      return TOO_OLD;
    }
    int index = (int) ((counter >>> BLOCK_BITS_LOG) & BLOCK_MASK);
    long bit = 1L << (counter & 63);
    long old = ring[index];
    ring[index] = old | bit;
    return (old & bit) != 0 ? DUPLICATE : OK;
  }

  /** The highest counter accepted so far (0 before any). */
  public synchronized long highest() {
    return last;
  }
}
