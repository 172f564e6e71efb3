package wolf.scale.snapshot;

/**
 * A snapshot was restored into this node's MariaDB.
 *
 * @param lsn the last log record the snapshot contains (from its {@code wolfscale.applied})
 * @param term that record's term
 * @param bytes size of the dump read
 */
public record SnapshotInstalled(long lsn, long term, long bytes) {}
