package wolf.actors.replication;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import wolf.actors.wal.WalRecord;

/**
 * This node's handle on the cluster's replicated log: the leader appends, every node reads what is
 * committed. Thread-safe; no method blocks.
 *
 * <p>A record is <b>committed</b> once the leader's commit mode is satisfied for it ({@code async}:
 * durable on the leader; {@code quorum}: durable on a majority of the members carrying the role,
 * leader included; {@code all}: durable on every member). Committed records are never truncated (in
 * {@code quorum} and {@code all} modes) and are the only ones a node may apply.
 */
public interface ReplicatedLog {

  /**
   * Leader only: appends {@code payloads} as consecutive records of the current term.
   *
   * @return the LSN of the first record, once all are committed; fails with {@link
   *     NotLeaderException} when this node is not the leader accepting writes (not leader yet,
   *     still recovering, handing over), or {@link ReplicationException} (commit not reached in
   *     time, term lost while waiting: the outcome is unknown to the caller)
   */
  CompletionStage<Long> append(List<byte[]> payloads);

  /**
   * Every committed record with LSN {@code >= fromLsn}, in order, without end; each is emitted once
   * it is committed. Backpressured. Fails with {@code WalPrunedException} if {@code fromLsn} was
   * pruned, and with {@link LogDivergedException} if records it emitted are truncated away.
   */
  Source<WalRecord, NotUsed> committed(long fromLsn);

  /**
   * Installs a snapshot: this node's state machine now holds every record up to {@code lastLsn} (of
   * term {@code lastTerm}), taken from a caught-up node. The local log is emptied and continues at
   * {@code lastLsn + 1}; following resumes from there. Only while {@link Role.Following}.
   */
  CompletionStage<org.apache.pekko.Done> resetTo(long lastLsn, long lastTerm);

  /** This node has applied every record up to {@code lsn} to its state machine (MariaDB). */
  void applied(long lsn);

  /** This node's applier stopped at {@code lsn} with {@code error}; shown on status pages. */
  void applyFailed(long lsn, String error);

  /** Subscribes to role changes; the current role is delivered at once. Called on any thread. */
  AutoCloseable onRoleChanged(Consumer<Role> listener);

  /** A snapshot of this node's replication state, with what it knows of its peers. */
  CompletionStage<ReplicationStatus> status();

  /**
   * The leader's status — what it knows of every member — asked of the leader when this node
   * follows; this node's own {@link #status()} when it leads, no leader is known, or the leader
   * does not answer within a second.
   */
  default CompletionStage<ReplicationStatus> clusterStatus() {
    return status();
  }
}
