package wolf.actors.replication;

/**
 * Records this node had emitted as committed, or applied, were truncated away by a new leader
 * (possible only in {@code async} mode, after a failover): the node's state machine holds writes
 * the cluster does not, and must be reset from a snapshot.
 */
public final class LogDivergedException extends ReplicationException {
  public LogDivergedException(String message) {
    super(message);
  }
}
