/**
 * UDP broadcast discovery: beacons find seed addresses and feed Pekko's {@code joinSeedNodes}; a
 * node that hears no member forms a cluster if it has the lowest id. Socket I/O stays off actor
 * threads.
 */
package wolf.actors.discovery;
