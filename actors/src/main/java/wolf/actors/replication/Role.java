package wolf.actors.replication;

import java.util.Optional;

/**
 * What this node does in the replicated log, as {@link ReplicatedLog#onRoleChanged} reports it.
 * Roles change in this order only: {@code Following -> Leading -> Draining -> Following}, or {@code
 * Leading -> Following} directly when leadership is lost without a hand-over.
 */
public sealed interface Role {

  /**
   * This node leads {@code term} and accepts {@link ReplicatedLog#append}. Every record up to
   * {@code committedBefore} is committed (the log committed a barrier record of its own term to
   * make it so); a state machine must have applied all of it — read from {@link
   * ReplicatedLog#committed} — before it executes new writes.
   */
  record Leading(long term, long committedBefore) implements Role {}

  /**
   * Planned hand-over to {@code to}: appends already submitted still complete (commit or fail); new
   * ones are refused with {@link NotLeaderException}. A state machine finishes what it has in
   * flight and takes nothing new. {@link Following} comes next.
   */
  record Draining(long term, String to) implements Role {}

  /**
   * This node follows {@code leader} (empty while no leader is known or established). It applies
   * {@link ReplicatedLog#committed} records and executes no writes of its own.
   */
  record Following(Optional<String> leader, long term) implements Role {}
}
