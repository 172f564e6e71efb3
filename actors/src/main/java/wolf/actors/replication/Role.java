package wolf.actors.replication;

import java.util.Optional;

/** What this node does in the replicated log. */
public sealed interface Role {

  /**
   * This node leads {@code term} and accepts {@link ReplicatedLog#append}. Everything up to {@code
   * committedBefore} is committed; a state machine must have applied all of it before executing new
   * writes.
   */
  record Leading(long term, long committedBefore) implements Role {}

  /** This node follows {@code leader} (empty while no leader is known). */
  record Following(Optional<String> leader, long term) implements Role {}
}
