package wolf.actors.replication;

import java.util.Optional;

/**
 * This node does not accept appends now; retry on {@code leaderHint}, or later. Nothing written.
 */
public final class NotLeaderException extends ReplicationException {
  private final Optional<String> leaderHint;

  public NotLeaderException(String message, Optional<String> leaderHint) {
    super(message);
    this.leaderHint = leaderHint;
  }

  public Optional<String> leaderHint() {
    return leaderHint;
  }
}
