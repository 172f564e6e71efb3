package wolf.actors.cluster;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one node's view of the cluster, for status pages and CLIs.
 *
 * @param nodeId this node's id
 * @param clusterName the cluster (ActorSystem) name
 * @param address this node's cluster address {@code host:port}
 * @param role "leader", "follower" or "joining" (not yet Up, or not caught up and no leader)
 * @param leader the current leader's node id, if any
 * @param term the current leadership term; grows at every leader change
 * @param joined whether this node is an Up member
 * @param caughtUp whether this node reports itself caught up
 * @param members every member this node knows, sorted by node id in natural order
 */
public record NodeStatus(
    String nodeId,
    String clusterName,
    String address,
    String role,
    Optional<String> leader,
    long term,
    boolean joined,
    boolean caughtUp,
    List<MemberInfo> members) {

  /** Ready to serve: joined, caught up, and a leader is known. */
  public boolean ready() {
    return joined && caughtUp && leader.isPresent();
  }
}
