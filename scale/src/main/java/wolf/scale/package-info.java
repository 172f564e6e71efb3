/**
 * WolfScale: MariaDB kept identical on every node through the replicated log. {@link
 * wolf.scale.WolfScale} is the entry point a daemon wires (write service, status, snapshots);
 * {@code write/} holds the client-facing write types, {@code cluster/} the forwarding gateway,
 * {@code sql/}, {@code log/}, {@code apply/} and {@code snapshot/} the machinery, {@code mariadb/}
 * local servers for the demo and tests. See {@code docs/WOLFSCALE-REPLICATION.md}.
 */
package wolf.scale;
