package wolf.actors.replication;

import java.util.List;
import java.util.Optional;

/**
 * One node's replication state, for {@code /status}, {@code /cluster} and {@code wolfctl}.
 *
 * @param nodeId this node
 * @param role "leader", "follower", "recovering" (a new leader re-establishing the log) or
 *     "draining"
 * @param leader the leader this node follows or is
 * @param term the current term
 * @param durableLsn last LSN durable in this node's WAL
 * @param commitLsn last LSN this node knows to be committed
 * @param appliedLsn last LSN applied to this node's state machine
 * @param applyError why applying stopped, if it did
 * @param replicas what the leader knows of each member (on followers: only themselves)
 */
public record ReplicationStatus(
    String nodeId,
    String role,
    Optional<String> leader,
    long term,
    long durableLsn,
    long commitLsn,
    long appliedLsn,
    Optional<String> applyError,
    List<ReplicaInfo> replicas) {

  public ReplicationStatus {
    replicas = List.copyOf(replicas);
  }
}
