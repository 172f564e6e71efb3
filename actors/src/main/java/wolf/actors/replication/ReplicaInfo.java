package wolf.actors.replication;

import java.util.Optional;

/**
 * One member as the leader last heard of it.
 *
 * @param nodeId the member
 * @param durableLsn last LSN durable in its WAL
 * @param appliedLsn last LSN it applied
 * @param lag records the leader holds that it has not made durable
 * @param applyError why its applier stopped, if it did
 * @param lastAckMillisAgo milliseconds since its last acknowledgement (-1: never)
 */
public record ReplicaInfo(
    String nodeId,
    long durableLsn,
    long appliedLsn,
    long lag,
    Optional<String> applyError,
    long lastAckMillisAgo) {}
