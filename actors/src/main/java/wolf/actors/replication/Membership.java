package wolf.actors.replication;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import wolf.actors.cluster.NodeIds;

/**
 * The members that count for majorities — cluster members carrying the tool's role whose status is
 * Up, Leaving or Exiting (a crashed member counts until it is downed and removed) — and the
 * replicator of each. Not thread-safe: owned by the {@link Replicator}.
 */
final class Membership {
  private static final Set<MemberStatus> COUNTED =
      Set.of(MemberStatus.up(), MemberStatus.leaving(), MemberStatus.exiting());

  private final String role;
  private final Address self;
  private final Map<Address, String> ids = new HashMap<>();
  private final Map<Address, ActorRef<Replicator.Command>> refs = new HashMap<>();

  /**
   * @param self this node's cluster address (local actor refs carry an address without host)
   */
  Membership(String role, Address self) {
    this.role = role;
    this.self = self;
  }

  /** Applies a member event. */
  void update(ClusterEvent.MemberEvent event) {
    Member m = event.member();
    Optional<String> id = NodeIds.of(m);
    if (id.isEmpty() || !m.hasRole(role)) {
      return;
    }
    if (event instanceof ClusterEvent.MemberRemoved || !COUNTED.contains(m.status())) {
      ids.remove(m.address());
    } else {
      ids.put(m.address(), id.get());
    }
  }

  /** The replicators the Receptionist lists now. */
  void listed(Set<ActorRef<Replicator.Command>> listing) {
    refs.clear();
    for (ActorRef<Replicator.Command> r : listing) {
      Address a = r.path().address();
      refs.put(a.hasLocalScope() ? self : a, r);
    }
  }

  /** Node ids of the counted members, in natural order. */
  Set<String> members() {
    TreeSet<String> s = new TreeSet<>(NodeIds.NATURAL);
    s.addAll(ids.values());
    return s;
  }

  int size() {
    return ids.size();
  }

  /** The replicator of {@code nodeId}, if it is a counted member and listed. */
  Optional<ActorRef<Replicator.Command>> ref(String nodeId) {
    for (Map.Entry<Address, String> e : ids.entrySet()) {
      if (e.getValue().equals(nodeId)) {
        return Optional.ofNullable(refs.get(e.getKey()));
      }
    }
    return Optional.empty();
  }

  /** Every counted member's replicator that is listed, except {@code self}'s. */
  List<Map.Entry<String, ActorRef<Replicator.Command>>> others(String self) {
    return ids.entrySet().stream()
        .filter(e -> !e.getValue().equals(self) && refs.containsKey(e.getKey()))
        .map(e -> Map.entry(e.getValue(), refs.get(e.getKey())))
        .toList();
  }
}
