/**
 * Membership view and Wolf's own leadership: the lowest node id in natural order among Up,
 * reachable, caught-up members of the tool role leads; terms grow at every change; planned moves go
 * through {@link wolf.actors.cluster.HandOver}. Pekko's cluster leader is never used.
 */
package wolf.actors.cluster;
