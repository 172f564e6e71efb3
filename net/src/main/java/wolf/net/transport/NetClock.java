package wolf.net.transport;

import java.time.Instant;

/**
 * Time as WolfNet sees it, injected so that handshakes, rekey timers and rate limits are tested
 * with a fake clock (as Kafka's {@code MockTime}). Implementations must be thread-safe.
 */
public interface NetClock {
  /** Monotonic nanoseconds for ages and intervals; only differences mean anything. */
  long nanoTime();

  /** Wall-clock nanoseconds since the Unix epoch, for handshake timestamps and token expiry. */
  long epochNanos();

  /** Wall-clock Unix seconds. */
  default long epochSeconds() {
    return Math.floorDiv(epochNanos(), 1_000_000_000L);
  }

  /** The system clocks. */
  NetClock SYSTEM =
      new NetClock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public long epochNanos() {
          Instant now = Instant.now();
          return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
      };
}
