/**
 * The cluster kernel every Wolf tool stands on. {@link wolf.actors.WolfNode} starts one Pekko
 * ActorSystem in a Pekko Cluster (Artery, TLS) from {@link wolf.actors.KernelSettings}; its
 * guardian runs {@link wolf.actors.cluster.Leadership} (lowest-id leadership with terms) and, when
 * enabled, {@link wolf.actors.discovery.Discovery} (UDP beacons). Cross-node messages implement
 * {@link wolf.actors.CborSerializable}. See {@code docs/CLUSTER.md}.
 */
package wolf.actors;
