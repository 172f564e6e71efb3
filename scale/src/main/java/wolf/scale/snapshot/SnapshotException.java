package wolf.scale.snapshot;

/**
 * A dump or restore failed: the tool's exit code and what it printed. After a failed restore the
 * node's databases are incomplete; it needs another snapshot before it can apply.
 */
public final class SnapshotException extends RuntimeException {
  public SnapshotException(String message) {
    super(message);
  }

  public SnapshotException(String message, Throwable cause) {
    super(message, cause);
  }
}
