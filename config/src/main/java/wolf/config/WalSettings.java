package wolf.config;

import static wolf.config.WolfScaleSchema.WAL_BATCH_SIZE;
import static wolf.config.WolfScaleSchema.WAL_COMPRESSION;
import static wolf.config.WolfScaleSchema.WAL_FLUSH_INTERVAL_MS;
import static wolf.config.WolfScaleSchema.WAL_FSYNC;
import static wolf.config.WolfScaleSchema.WAL_RETENTION_HOURS;
import static wolf.config.WolfScaleSchema.WAL_SEGMENT_SIZE_MB;

/**
 * {@code [wal]}: the write-ahead log. Units are in the names; keys, ranges and defaults are
 * documented in {@link WolfScaleSchema}. {@code retentionHours == 0} keeps every segment.
 * Immutable.
 */
public record WalSettings(
    int batchSize,
    int flushIntervalMs,
    boolean compression,
    int segmentSizeMb,
    int retentionHours,
    boolean fsync) {

  static WalSettings from(TomlReader in) {
    return new WalSettings(
        in.get(WAL_BATCH_SIZE),
        in.get(WAL_FLUSH_INTERVAL_MS),
        in.get(WAL_COMPRESSION),
        in.get(WAL_SEGMENT_SIZE_MB),
        in.get(WAL_RETENTION_HOURS),
        in.get(WAL_FSYNC));
  }
}
