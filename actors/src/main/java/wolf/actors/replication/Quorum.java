package wolf.actors.replication;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import wolf.config.CommitMode;

/**
 * Which LSN is committed, from what each member holds durably. Stateless and thread-safe.
 *
 * <ul>
 *   <li>{@code async}: the leader's own durable LSN.
 *   <li>{@code quorum}: the highest LSN durable on a majority ({@code n/2 + 1}) of the members,
 *       leader included.
 *   <li>{@code all}: the lowest durable LSN over every member.
 * </ul>
 *
 * Members are the cluster members carrying the tool's role that are not removed — a crashed member
 * counts (as holding nothing new) until the Split Brain Resolver downs it — but never fewer than
 * the {@code expected} size of the cluster: a node alone in a cluster meant for three never commits
 * by itself, and a node that crashed and was removed still counts as an empty member.
 */
final class Quorum {
  private Quorum() {}

  /**
   * @param members node ids of the members, the leader among them
   * @param expected the configured cluster size; missing members count as holding nothing
   * @param durable what each node last acknowledged as durable (the leader's own included); a
   *     member missing from it holds nothing
   */
  static long commitLsn(
      CommitMode mode,
      String leader,
      Collection<String> members,
      int expected,
      Map<String, Long> durable) {
    long own = durable.getOrDefault(leader, 0L);
    if (mode == CommitMode.ASYNC) {
      return own;
    }
    List<Long> held = new ArrayList<>();
    for (String m : members) {
      held.add(durable.getOrDefault(m, 0L));
    }
    if (!members.contains(leader)) {
      held.add(own);
    }
    while (held.size() < expected) {
      held.add(0L);
    }
    held.sort((a, b) -> Long.compare(b, a));
    if (mode == CommitMode.ALL) {
      return held.get(held.size() - 1);
    }
    return held.get(majority(held.size()) - 1);
  }

  /** Promises or acknowledgements needed among {@code n} members. */
  static int majority(int n) {
    return n / 2 + 1;
  }
}
