package wolf.net.transport;

import java.util.concurrent.TimeUnit;

/**
 * WireGuard's session limits, kept as WireGuard defines them except where noted. All times are
 * monotonic nanoseconds.
 */
public final class Limits {
  private Limits() {}

  /** The sender asks for a new handshake once a session has sent this many packets. */
  public static final long REKEY_AFTER_MESSAGES = 1L << 60;

  /**
   * Neither side uses a counter at or beyond this. WireGuard uses 2^64 - 2^13 - 1; WolfNet keeps
   * counters positive in a Java {@code long}, so 2^62: still 4x the rekey point.
   */
  public static final long REJECT_AFTER_MESSAGES = 1L << 62;

  /** The initiator of a session asks for a new one after this age. */
  public static final long REKEY_AFTER_TIME = TimeUnit.SECONDS.toNanos(120);

  /** No packet is sent or accepted on a session older than this. */
  public static final long REJECT_AFTER_TIME = TimeUnit.SECONDS.toNanos(180);

  /** Give up retrying a handshake after this long. */
  public static final long REKEY_ATTEMPT_TIME = TimeUnit.SECONDS.toNanos(90);

  /** Retransmit an unanswered initiation after this long (plus jitter). */
  public static final long REKEY_TIMEOUT = TimeUnit.SECONDS.toNanos(5);

  /** Send an empty packet if we received but did not send for this long. */
  public static final long KEEPALIVE_TIMEOUT = TimeUnit.SECONDS.toNanos(10);

  /**
   * An initiator that receives on a session this old starts a handshake, so the session is replaced
   * before the peer's {@link #REJECT_AFTER_TIME} cuts it off.
   */
  public static final long REKEY_ON_RECEIVE_AGE =
      REJECT_AFTER_TIME - KEEPALIVE_TIMEOUT - REKEY_TIMEOUT;
}
