package wolf.scale.cluster;

/**
 * This node does not execute writes now (it follows, or it is still recovering as a new leader, or
 * it is handing over). Nothing was run; the write may be retried on the leader.
 */
public final class NotLeadingException extends RuntimeException {
  public NotLeadingException(String message) {
    super(message);
  }
}
