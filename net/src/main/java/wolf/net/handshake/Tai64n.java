package wolf.net.handshake;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The 12-byte TAI64N-style timestamp in an initiation: big-endian u64 seconds (2^62 + Unix seconds)
 * and big-endian u32 nanoseconds, the nanoseconds rounded down to a multiple of 2^24 (~17 ms) so
 * the timestamp does not leak fine-grained clock data (WireGuard does the same). Ordered bytewise,
 * so newer means lexicographically greater.
 */
final class Tai64n {
  static final int BYTES = 12;
  private static final long BASE = 1L << 62;
  private static final int WHITENER = (1 << 24) - 1;

  private Tai64n() {}

  static byte[] of(long epochNanos) {
    long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
    int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L) & ~WHITENER;
    return ByteBuffer.allocate(BYTES).putLong(BASE + seconds).putInt(nanos).array();
  }

  /** True if {@code candidate} is strictly newer than {@code last} (or there is no last). */
  static boolean isNewer(byte[] candidate, byte[] last) {
    return last == null || Arrays.compareUnsigned(candidate, last) > 0;
  }
}
