package wolf.actors.wal;

/**
 * A read asked for LSNs that retention has already deleted. A replica that needs them must be
 * rebuilt from a snapshot and then read from {@link #firstAvailable()}. Not retriable.
 */
public final class WalPrunedException extends WalException {
  private final long requested;
  private final long firstAvailable;

  public WalPrunedException(long requested, long firstAvailable) {
    super(
        "LSN " + requested + " was deleted by retention; the log starts at LSN " + firstAvailable,
        null);
    this.requested = requested;
    this.firstAvailable = firstAvailable;
  }

  public long requested() {
    return requested;
  }

  public long firstAvailable() {
    return firstAvailable;
  }

  @Override
  public boolean retriable() {
    return false;
  }
}
