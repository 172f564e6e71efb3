package wolf.actors.replication;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** The system clock plus an offset the test moves (to age WAL segments for retention). */
final class ShiftedClock extends Clock {
  final AtomicLong offsetMillis = new AtomicLong();

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis.get());
  }
}
