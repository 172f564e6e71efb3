package wolf.actors.cluster;

/**
 * One cluster member as this node sees it.
 *
 * @param nodeId the member's node id
 * @param address its cluster address, {@code host:port}
 * @param status Pekko member status: Joining, WeaklyUp, Up, Leaving, Exiting, Down, Removed
 * @param reachable whether this node's failure detector currently reaches it
 * @param caughtUp whether it last reported itself caught up
 * @param leader whether it is the current leader in this node's view
 */
public record MemberInfo(
    String nodeId,
    String address,
    String status,
    boolean reachable,
    boolean caughtUp,
    boolean leader) {}
