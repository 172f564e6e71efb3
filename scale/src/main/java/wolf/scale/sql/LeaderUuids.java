package wolf.scale.sql;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates {@code UUID()} and {@code UUID_SHORT()} values the way MariaDB does, in Java: a
 * version-1 (time-based) UUID with a random node and clock sequence (the node's multicast bit set,
 * as RFC 4122 asks of random nodes), and {@code UUID_SHORT} as {@code (serverId & 255) << 56 +
 * startSeconds << 24 + counter}. Distinct {@code serverId}s never collide. Thread-safe.
 */
public final class LeaderUuids implements UuidSource {
  private static final long GREGORIAN_OFFSET_100NS = 0x01B21DD213814000L;
  private final long node;
  private final long clockSeq;
  private final AtomicLong lastTicks = new AtomicLong();
  private final AtomicLong shortCounter;

  /**
   * @param serverId distinguishes leaders (e.g. a hash of the node id); low 8 bits used
   */
  public LeaderUuids(int serverId) {
    SecureRandom r = new SecureRandom();
    this.node = (r.nextLong() & 0xFFFF_FFFF_FFFFL) | 0x0100_0000_0000L;
    this.clockSeq = r.nextInt(1 << 14);
    long start = System.currentTimeMillis() / 1000;
    this.shortCounter = new AtomicLong(((serverId & 255L) << 56) + ((start & 0xFFFF_FFFFL) << 24));
  }

  @Override
  public String uuid() {
    long now = System.currentTimeMillis() * 10_000 + GREGORIAN_OFFSET_100NS;
    long ticks = lastTicks.accumulateAndGet(now, (prev, x) -> Math.max(prev + 1, x));
    long timeLow = ticks & 0xFFFF_FFFFL;
    long timeMid = (ticks >>> 32) & 0xFFFF;
    long timeHi = ((ticks >>> 48) & 0x0FFF) | 0x1000;
    long seq = clockSeq | 0x8000;
    return String.format("%08x-%04x-%04x-%04x-%012x", timeLow, timeMid, timeHi, seq, node);
  }

  @Override
  public long uuidShort() {
    return shortCounter.incrementAndGet();
  }
}
