package wolf.net.transport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told; monotonic and wall time advance together. */
public final class FakeClock implements NetClock {
  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final AtomicLong epochNanos = new AtomicLong(1_750_000_000L * 1_000_000_000L);

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public long epochNanos() {
    return epochNanos.get();
  }

  public void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
    epochNanos.addAndGet(d.toNanos());
  }

  /** Moves only the wall clock (as a restarted host with a clock set back would see it). */
  public void setEpochNanos(long value) {
    epochNanos.set(value);
  }
}
