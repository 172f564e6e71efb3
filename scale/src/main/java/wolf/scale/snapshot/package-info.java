/**
 * Consistent snapshots of a node's MariaDB as byte streams ({@code mariadb-dump}) and their restore
 * ({@code mariadb}), with the applied LSN travelling inside: {@link wolf.scale.snapshot.Snapshots}.
 */
package wolf.scale.snapshot;
