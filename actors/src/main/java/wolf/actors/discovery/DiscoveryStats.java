package wolf.actors.discovery;

import java.util.List;

/**
 * What discovery has seen, for status pages and tests.
 *
 * @param state this node's beacon state: SEARCHING, FORMING, JOINING or UP
 * @param heard node ids of this cluster heard within the last few intervals, natural order
 * @param foreignIgnored beacons ignored because they carried another cluster name
 * @param malformed datagrams on the discovery port that were not beacons
 * @param sendFailures beacons that could not be sent
 */
public record DiscoveryStats(
    String state, List<String> heard, long foreignIgnored, long malformed, long sendFailures) {}
