package wolf.actors.cluster;

import java.util.OptionalLong;

/**
 * This node's leadership term and the highest term it has seen anywhere.
 *
 * <p>Rules, which make all nodes agree on (leader, term) once their views of the leader agree:
 *
 * <ul>
 *   <li>Terms never decrease.
 *   <li>When this node's leader view changes to L, it joins L's term if a peer already announced L
 *       with a term higher than the local one and at least as high as any term seen; otherwise it
 *       starts a new term {@code max(local, highest seen) + 1}. (Joining avoids one increment per
 *       node for a single change: the first node to notice starts the term, the rest join it.)
 *   <li>A higher term announced by a peer that agrees on the leader is adopted.
 * </ul>
 *
 * A term is a fencing counter, not a consensus term: during a membership change two nodes may
 * briefly hold the same term with different leaders. Not thread-safe: owned by one actor.
 */
final class Terms {

  private long current;
  private long highestSeen;

  long current() {
    return current;
  }

  long highestSeen() {
    return highestSeen;
  }

  /** Records a term announced by a peer. */
  void seen(long term) {
    highestSeen = Math.max(highestSeen, term);
  }

  /**
   * This node's leader view changed.
   *
   * @param announcedForNewLeader the highest term a peer announced together with the new leader
   * @return the new current term, always greater than the previous one
   */
  long leaderChanged(OptionalLong announcedForNewLeader) {
    long announced = announcedForNewLeader.orElse(0);
    if (announced > current && announced >= highestSeen) {
      current = announced;
    } else {
      current = Math.max(current, highestSeen) + 1;
    }
    highestSeen = Math.max(highestSeen, current);
    return current;
  }

  /**
   * A peer that agrees on the leader announced {@code term}.
   *
   * @return whether the term was adopted (it was higher than the current one)
   */
  boolean adopt(long term) {
    seen(term);
    if (term > current) {
      current = term;
      return true;
    }
    return false;
  }
}
