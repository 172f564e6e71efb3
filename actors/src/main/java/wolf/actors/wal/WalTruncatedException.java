package wolf.actors.wal;

/**
 * Fails a tail whose already emitted records were removed by {@link Wal#truncateAfter(long)}. The
 * subscriber must discard what it saw after {@link #lastKept()} and tail again from {@code
 * lastKept() + 1}. Retriable in that sense.
 */
public final class WalTruncatedException extends WalException {
  private final long lastKept;

  public WalTruncatedException(long lastKept, long emitted) {
    super(
        "the log was truncated after LSN "
            + lastKept
            + " while this tail had emitted up to LSN "
            + emitted,
        null);
    this.lastKept = lastKept;
  }

  /** The last LSN that survived the truncation. */
  public long lastKept() {
    return lastKept;
  }

  @Override
  public boolean retriable() {
    return true;
  }
}
