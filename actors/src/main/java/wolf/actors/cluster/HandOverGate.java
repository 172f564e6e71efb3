package wolf.actors.cluster;

import java.util.Optional;

/**
 * Tracks the one planned hand-over {@link Leadership} may have in progress: a change to a new
 * leader is published only after {@link HandOver#prepare} for that same leader has completed. A
 * newer target replaces an older one, whose completion is then ignored. Not thread-safe: owned by
 * one Leadership actor.
 */
final class HandOverGate {

  /** What Leadership should do about a hand-over to some node. */
  enum Step {
    /** Start preparing it. */
    START,
    /** Preparation is running. */
    WAIT,
    /** Prepared: publish the change. */
    PROCEED
  }

  private Optional<String> pending = Optional.empty();
  private Optional<String> prepared = Optional.empty();

  /** Leadership would like to hand over to {@code to}. */
  Step offer(String to) {
    if (prepared.equals(Optional.of(to))) {
      return Step.PROCEED;
    }
    if (pending.equals(Optional.of(to))) {
      return Step.WAIT;
    }
    pending = Optional.of(to);
    prepared = Optional.empty();
    return Step.START;
  }

  /**
   * Preparing the hand-over to {@code to} completed.
   *
   * @return false when that hand-over is no longer the pending one
   */
  boolean prepared(String to) {
    if (!pending.equals(Optional.of(to))) {
      return false;
    }
    pending = Optional.empty();
    prepared = Optional.of(to);
    return true;
  }

  /** The view changed some other way (or the hand-over was published): forget it. */
  void reset() {
    pending = Optional.empty();
    prepared = Optional.empty();
  }
}
