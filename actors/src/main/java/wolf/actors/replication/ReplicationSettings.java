package wolf.actors.replication;

import java.time.Duration;
import wolf.config.CommitMode;

/**
 * How the replicated log behaves; every node of a cluster should use the same values.
 *
 * @param commitMode when an append counts as committed (see {@link Quorum})
 * @param expectedMembers the number of data nodes the cluster is meant to have: majorities are
 *     counted out of at least this many, so a node that starts alone never commits by itself
 * @param commitTimeout how long an append may wait to be committed before it fails as "outcome
 *     unknown" and the leader re-establishes the log under a new term
 * @param frameBytes records per stream frame, in payload bytes (at least one record always goes)
 * @param maxPayloadBytes the largest record payload accepted (a frame must fit Artery's maximum
 *     frame size)
 * @param bootstrapGrace how long a node that has joined waits to hear of a leader before it
 *     declares itself caught up, so that a cluster starting from nothing elects one
 * @param handOverTimeout how long a leader handing over waits for the new leader to hold its log
 * @param retryInterval how often promises and subscriptions are retried
 */
public record ReplicationSettings(
    CommitMode commitMode,
    int expectedMembers,
    Duration commitTimeout,
    int frameBytes,
    int maxPayloadBytes,
    Duration bootstrapGrace,
    Duration handOverTimeout,
    Duration retryInterval) {

  /** Frames of 256 KiB, payloads up to 1 MiB, 5 s commit timeout, 3 s bootstrap grace. */
  public static ReplicationSettings defaults(CommitMode mode, int expectedMembers) {
    return new ReplicationSettings(
        mode,
        expectedMembers,
        Duration.ofSeconds(5),
        256 << 10,
        1 << 20,
        Duration.ofSeconds(3),
        Duration.ofSeconds(10),
        Duration.ofMillis(100));
  }

  public ReplicationSettings withCommitTimeout(Duration d) {
    return new ReplicationSettings(
        commitMode,
        expectedMembers,
        d,
        frameBytes,
        maxPayloadBytes,
        bootstrapGrace,
        handOverTimeout,
        retryInterval);
  }

  public ReplicationSettings withBootstrapGrace(Duration d) {
    return new ReplicationSettings(
        commitMode,
        expectedMembers,
        commitTimeout,
        frameBytes,
        maxPayloadBytes,
        d,
        handOverTimeout,
        retryInterval);
  }
}
