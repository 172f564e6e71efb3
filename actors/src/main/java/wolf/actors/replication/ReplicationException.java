package wolf.actors.replication;

/** A replicated append whose outcome is unknown (timeout, leadership lost while waiting). */
public class ReplicationException extends RuntimeException {
  public ReplicationException(String message) {
    super(message);
  }

  public ReplicationException(String message, Throwable cause) {
    super(message, cause);
  }
}
