package wolf.actors.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import wolf.actors.cluster.NodeIds;

/**
 * Decides, from the beacons heard recently, whom a node that is not yet in a cluster joins.
 *
 * <ol>
 *   <li>If any sender is an Up member or is forming a cluster, join those senders as seeds.
 *   <li>Otherwise wait until {@value #DECIDE_AFTER_TICKS} beacon intervals have passed, so that
 *       nodes started together hear each other; then the lowest node id (natural order) among those
 *       heard, this node included, forms a new cluster and everyone else joins it.
 * </ol>
 *
 * Two clusters can still form if nodes that cannot hear each other start at the same time (or one
 * starts within a beacon interval of another forming); Pekko cannot merge them afterwards. Pure and
 * thread-safe.
 */
final class JoinRule {

  static final int DECIDE_AFTER_TICKS = 3;

  /** What to do now. */
  sealed interface Decision {}

  record Wait() implements Decision {}

  /** Join this node to itself: form a new cluster. */
  record Form() implements Decision {}

  /** Join the cluster through these seed addresses ({@code host:port}), sorted. */
  record JoinSeeds(List<String> seeds) implements Decision {}

  private JoinRule() {}

  /**
   * @param selfId this node's id
   * @param ticks beacon intervals since this node started searching
   * @param heard fresh beacons of this cluster from other nodes
   */
  static Decision decide(String selfId, int ticks, List<Beacon> heard) {
    List<String> seeds = new ArrayList<>();
    for (Beacon b : heard) {
      if (b.state() == Beacon.State.UP || b.state() == Beacon.State.FORMING) {
        seeds.add(b.address());
      }
    }
    if (!seeds.isEmpty()) {
      seeds.sort(Comparator.naturalOrder());
      return new JoinSeeds(seeds);
    }
    if (ticks < DECIDE_AFTER_TICKS) {
      return new Wait();
    }
    Optional<Beacon> lowest =
        heard.stream().min(Comparator.comparing(Beacon::nodeId, NodeIds.NATURAL));
    if (lowest.isEmpty() || NodeIds.NATURAL.compare(selfId, lowest.get().nodeId()) <= 0) {
      return new Form();
    }
    return new JoinSeeds(List.of(lowest.get().address()));
  }
}
