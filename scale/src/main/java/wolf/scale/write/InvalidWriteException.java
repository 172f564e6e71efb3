package wolf.scale.write;

/**
 * The write was refused before it ran: a bad identifier, an empty key, an unsupported value type,
 * or a statement that cannot replay identically on every node. Nothing was run or logged.
 */
public class InvalidWriteException extends RuntimeException {
  public InvalidWriteException(String message) {
    super(message);
  }
}
