package wolf.net.handshake;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import wolf.net.transport.NetClock;

/**
 * Decides when we are under load, and rate-limits handshake messages per source IP while we are.
 * "Under load" starts when more than {@link HandshakeSettings#underLoadPerSecond} handshake
 * messages arrive within one second and lasts one second past the last such second. The per-source
 * limit is a token bucket; buckets idle for a second are forgotten. Thread-safe (synchronized).
 */
final class FloodGate {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final int MAX_TRACKED_SOURCES = 65_536;

  private final HandshakeSettings settings;
  private final NetClock clock;
  private final Map<InetAddress, long[]> buckets = new HashMap<>();
  private long windowStart;
  private int inWindow;
  private long underLoadUntil;
  private boolean started;

  FloodGate(HandshakeSettings settings, NetClock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Counts one handshake message and says whether cookies are now required. */
  synchronized boolean underLoad() {
    long now = clock.nanoTime();
    if (!started || now - windowStart >= SECOND) {
      started = true;
      windowStart = now;
      inWindow = 0;
    }
    if (++inWindow > settings.underLoadPerSecond()) {
      underLoadUntil = now + SECOND;
    }
    return now - underLoadUntil < 0;
  }

  /** Takes a token from the source IP's bucket; false if it is empty. */
  synchronized boolean allow(InetSocketAddress source) {
    if (source == null) {
      return true;
    }
    long now = clock.nanoTime();
    long cost = SECOND / settings.perSourcePerSecond();
    long max = cost * settings.perSourceBurst();
    if (buckets.size() >= MAX_TRACKED_SOURCES) {
      buckets.values().removeIf(b -> now - b[1] >= SECOND);
      if (buckets.size() >= MAX_TRACKED_SOURCES) {
        return false;
      }
    }
    // bucket = {tokens in nanoseconds of credit, last refill time}
    long[] b = buckets.computeIfAbsent(source.getAddress(), a -> new long[] {max, now});
    b[0] = Math.min(max, b[0] + (now - b[1]));
    b[1] = now;
    if (b[0] < cost) {
      return false;
    }
    b[0] -= cost;
    return true;
  }
}
