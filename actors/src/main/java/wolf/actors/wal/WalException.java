package wolf.actors.wal;

/**
 * Base of the write-ahead log's failures. Unchecked, because they travel through {@code
 * CompletionStage}s and stream failures. Each subclass says whether retrying can help.
 */
public abstract class WalException extends RuntimeException {
  WalException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether the same call may succeed later on the same {@link Wal} instance. */
  public abstract boolean retriable();
}
