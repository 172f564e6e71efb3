package wolf.actors.cluster;

import java.util.Optional;

/**
 * Published to {@code Leadership} subscribers whenever this node's view of the leader or term
 * changes. Terms only grow.
 *
 * @param leader the leader's node id, empty while no eligible member exists
 * @param term the term that started with this leader
 * @param previous the previous leader, if any
 */
public record LeaderChanged(Optional<String> leader, long term, Optional<String> previous) {}
