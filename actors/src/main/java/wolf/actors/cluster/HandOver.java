package wolf.actors.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * The seam for a planned leadership hand-over: leadership is about to move from a live, eligible
 * leader to a lower-id node that just became eligible (it rejoined and reported itself caught up).
 *
 * <p>{@link Leadership} calls {@link #prepare} on every node that sees the hand-over and keeps the
 * old leader in its published view until the returned stage completes; then the new leader is
 * published with a new term. A failed stage is logged and the hand-over proceeds. If the view
 * changes meanwhile (the old leader fails, the new one stops being eligible) the pending hand-over
 * is abandoned and the completion ignored. Replication plugs in here: the old leader stops
 * accepting writes and drains, the new one confirms it holds the same LSN.
 *
 * <p>Called on the Leadership actor's thread: implementations must not block; they return a stage
 * and do their work elsewhere. The stage must complete, or leadership stays with the old leader.
 */
@FunctionalInterface
public interface HandOver {

  /**
   * @param self this node's id
   * @param from the current leader, still live and eligible
   * @param to the new, lower-id leader
   */
  CompletionStage<Done> prepare(String self, String from, String to);

  /** No preparation: the hand-over is published at once. */
  static HandOver immediate() {
    return (self, from, to) -> CompletableFuture.completedFuture(Done.getInstance());
  }
}
