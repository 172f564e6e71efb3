package wolf.actors.wal;

/**
 * The log was closed, or stopped accepting work after an I/O error (then {@link #getCause()} is
 * that error). Not retriable on this instance; reopening the directory recovers what was written.
 */
public final class WalClosedException extends WalException {
  public WalClosedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retriable() {
    return false;
  }
}
