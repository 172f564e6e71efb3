/**
 * Executing and applying on the node's MariaDB: {@link wolf.scale.apply.ScaleNode} (the state
 * machine following the log's role), the leader's {@link wolf.scale.apply.LeaderExecutor}, the
 * exactly-once {@link wolf.scale.apply.Applier}, both on the node's one {@link
 * wolf.scale.apply.JdbcThread} through {@link wolf.scale.apply.ScaleDatabase}. Protocol and
 * guarantees: {@code docs/WOLFSCALE-REPLICATION.md}.
 */
package wolf.scale.apply;
