package wolf.actors.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.UniqueAddress;

/**
 * Cluster membership as {@link Leadership} sees it, plus what each member last reported about
 * itself, and the leader rule.
 *
 * <p><b>Leader rule:</b> the lowest node id in {@link NodeIds#NATURAL natural order} among members
 * that are Up, reachable, carry the tool role, and last reported themselves caught up (this node
 * uses its local flag for itself). Reachability is Pekko's gossiped view: a member is unreachable
 * as soon as any node's failure detector flags it, so every node converges to the same set and thus
 * the same leader. A member that has not reported yet is not caught up. Reports are keyed by unique
 * address (address and incarnation), so a restarted node never inherits the flag of its previous
 * incarnation.
 *
 * <p>Not thread-safe: owned by one Leadership actor.
 */
final class MemberTable {

  static final int REPORT_GRACE_TICKS = 10;

  /** What a member last said about itself. */
  record Report(String nodeId, boolean caughtUp, long term, Optional<String> leader) {}

  private final UniqueAddress self;
  private final String role;
  private final Map<UniqueAddress, Member> members = new HashMap<>();
  private final Set<UniqueAddress> unreachable = new HashSet<>();
  private final Map<UniqueAddress, Report> reports = new HashMap<>();
  private final Map<UniqueAddress, Integer> upSinceTick = new HashMap<>();
  private boolean selfCaughtUp;
  private int tick;

  MemberTable(UniqueAddress self, String role, boolean selfCaughtUp) {
    this.self = self;
    this.role = role;
    this.selfCaughtUp = selfCaughtUp;
  }

  void update(Member member) {
    UniqueAddress address = member.uniqueAddress();
    if (member.status().equals(MemberStatus.removed())) {
      members.remove(address);
      unreachable.remove(address);
      reports.remove(address);
      upSinceTick.remove(address);
    } else {
      members.put(address, member);
      if (member.status().equals(MemberStatus.up())) {
        upSinceTick.putIfAbsent(address, tick);
      }
    }
  }

  /** One status interval has passed. */
  void tick() {
    tick++;
  }

  void reachability(Member member, boolean reachable) {
    if (reachable) {
      unreachable.remove(member.uniqueAddress());
    } else {
      unreachable.add(member.uniqueAddress());
    }
  }

  void report(UniqueAddress from, Report report) {
    reports.put(from, report);
  }

  void selfCaughtUp(boolean caughtUp) {
    selfCaughtUp = caughtUp;
  }

  boolean selfCaughtUp() {
    return selfCaughtUp;
  }

  /** Whether {@code address} belongs to a current member (any status) that is reachable. */
  boolean isReachableMember(Address address) {
    for (UniqueAddress member : members.keySet()) {
      if (member.address().equals(address) && !unreachable.contains(member)) {
        return true;
      }
    }
    return false;
  }

  boolean selfUp() {
    Member m = members.get(self);
    return m != null && m.status().equals(MemberStatus.up());
  }

  /** Node ids of the members the leader rule allows, in natural order. */
  TreeSet<String> eligible() {
    TreeSet<String> ids = new TreeSet<>(NodeIds.NATURAL);
    for (Member m : members.values()) {
      if (m.status().equals(MemberStatus.up())
          && !unreachable.contains(m.uniqueAddress())
          && m.hasRole(role)
          && caughtUp(m.uniqueAddress())) {
        NodeIds.of(m).ifPresent(ids::add);
      }
    }
    return ids;
  }

  /** The leader by the rule, empty when no member is eligible. */
  Optional<String> candidate() {
    TreeSet<String> ids = eligible();
    return ids.isEmpty() ? Optional.empty() : Optional.of(ids.first());
  }

  /**
   * Whether every Up, reachable member that could outrank {@code candidate} has reported (or its
   * grace ran out), so that {@code candidate} is the rule's answer and not a guess.
   */
  boolean settled(Optional<String> candidate) {
    for (Member m : members.values()) {
      UniqueAddress address = m.uniqueAddress();
      if (address.equals(self)
          || reports.containsKey(address)
          || !m.status().equals(MemberStatus.up())
          || unreachable.contains(address)
          || !m.hasRole(role)
          || tick - upSinceTick.getOrDefault(address, tick) >= REPORT_GRACE_TICKS) {
        continue;
      }
      Optional<String> id = NodeIds.of(m);
      if (id.isPresent()
          && (candidate.isEmpty() || NodeIds.NATURAL.compare(id.get(), candidate.get()) < 0)) {
        return false;
      }
    }
    return true;
  }

  /** The highest term a member announced together with {@code leader}. */
  OptionalLong announcedTerm(Optional<String> leader) {
    return reports.values().stream()
        .filter(r -> r.leader().equals(leader))
        .mapToLong(Report::term)
        .max();
  }

  /**
   * An older member that carries this node's id and is alive: Up, reachable, and it has reported to
   * this incarnation (a crashed earlier incarnation of this node never does), if any.
   */
  Optional<Member> olderDuplicate(String selfId) {
    Member me = members.get(self);
    if (me == null) {
      return Optional.empty();
    }
    return members.values().stream()
        .filter(m -> !m.uniqueAddress().equals(self))
        .filter(
            m -> m.status().equals(MemberStatus.up()) && !unreachable.contains(m.uniqueAddress()))
        .filter(m -> NodeIds.of(m).equals(Optional.of(selfId)))
        .filter(m -> reports.containsKey(m.uniqueAddress()))
        .filter(m -> m.isOlderThan(me))
        .findFirst();
  }

  /** Every known member, sorted by node id in natural order (then by address). */
  List<MemberInfo> describe(Optional<String> leader) {
    List<MemberInfo> out = new ArrayList<>();
    for (Member m : members.values()) {
      String id = NodeIds.of(m).orElse("");
      out.add(
          new MemberInfo(
              id,
              Addresses.hostPort(m.address()),
              m.status().toString(),
              !unreachable.contains(m.uniqueAddress()),
              caughtUp(m.uniqueAddress()),
              leader.isPresent() && leader.get().equals(id)));
    }
    out.sort(
        Comparator.comparing(MemberInfo::nodeId, NodeIds.NATURAL)
            .thenComparing(MemberInfo::address));
    return out;
  }

  private boolean caughtUp(UniqueAddress address) {
    if (address.equals(self)) {
      return selfCaughtUp;
    }
    Report r = reports.get(address);
    return r != null && r.caughtUp();
  }
}
