/**
 * The write-ahead log: {@link wolf.actors.wal.Wal} is the API (append, read, tail, truncate,
 * retention, metrics); {@link wolf.actors.wal.WalWriter} the actor that owns the log and group
 * commits; {@link wolf.actors.wal.SegmentedLog} the storage, usable without actors. Layout and
 * guarantees: {@code docs/WAL.md}.
 */
package wolf.actors.wal;
