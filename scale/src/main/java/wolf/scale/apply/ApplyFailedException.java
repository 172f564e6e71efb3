package wolf.scale.apply;

/**
 * A committed record could not be applied on this node (MariaDB refused it, or it is not a readable
 * entry). Everything before it is applied; applying stops here until an operator acts (fix and
 * retry, or resync from a snapshot). Never skipped.
 */
public final class ApplyFailedException extends Exception {
  private final long lsn;

  public ApplyFailedException(long lsn, String message, Throwable cause) {
    super("LSN " + lsn + ": " + message, cause);
    this.lsn = lsn;
  }

  /** The record that failed. */
  public long lsn() {
    return lsn;
  }
}
