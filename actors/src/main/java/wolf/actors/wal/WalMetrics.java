package wolf.actors.wal;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the WAL counts. LSN gauges are read live from the log; counters and histograms are updated
 * by the writer. Thread-safe; reading never blocks the writer.
 */
public final class WalMetrics {
  private final SegmentedLog log;
  private final LongAdder records = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder recordsRead = new LongAdder();
  private final LongAdder segmentsDeleted = new LongAdder();
  private final Histogram fsyncMicros =
      new Histogram(
          "microseconds",
          50,
          100,
          200,
          300,
          500,
          750,
          1_000,
          2_000,
          5_000,
          10_000,
          20_000,
          50_000,
          100_000,
          1_000_000);
  private final Histogram batchRecords =
      new Histogram("records", 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384);

  WalMetrics(SegmentedLog log) {
    this.log = log;
  }

  /** Highest LSN appended (written to the OS). */
  public long appendedLsn() {
    return log.writtenLsn();
  }

  /** Highest LSN durable (acknowledged to appenders). */
  public long durableLsn() {
    return log.durableLsn();
  }

  /** Records appended since open. */
  public long records() {
    return records.sum();
  }

  /** Record payload bytes appended since open (before compression). */
  public long bytes() {
    return bytes.sum();
  }

  /** Appends rejected because the queue was full. */
  public long rejected() {
    return rejected.sum();
  }

  /** Records returned to readers and tails. */
  public long recordsRead() {
    return recordsRead.sum();
  }

  /** Segments deleted by retention. */
  public long segmentsDeleted() {
    return segmentsDeleted.sum();
  }

  /** Time of each fdatasync, in microseconds. */
  public Histogram fsyncMicros() {
    return fsyncMicros;
  }

  /** Records per group commit. */
  public Histogram batchRecords() {
    return batchRecords;
  }

  void batchWritten(int n, long payloadBytes) {
    records.add(n);
    bytes.add(payloadBytes);
    batchRecords.observe(n);
  }

  void fsync(long nanos) {
    fsyncMicros.observe(nanos / 1000);
  }

  void reject() {
    rejected.increment();
  }

  void read(int n) {
    recordsRead.add(n);
  }

  void deleted(int n) {
    segmentsDeleted.add(n);
  }

  /** Prometheus text for every metric, names prefixed {@code prefix} (e.g. {@code wolf_wal}). */
  public String renderPrometheus(String prefix) {
    StringBuilder b = new StringBuilder();
    gauge(b, prefix + "_appended_lsn", "Highest LSN written.", appendedLsn());
    gauge(b, prefix + "_durable_lsn", "Highest LSN durable.", durableLsn());
    counter(b, prefix + "_records_total", "Records appended.", records());
    counter(b, prefix + "_bytes_total", "Payload bytes appended.", bytes());
    counter(b, prefix + "_rejected_total", "Appends rejected (queue full).", rejected());
    counter(b, prefix + "_records_read_total", "Records read.", recordsRead());
    counter(b, prefix + "_segments_deleted_total", "Segments deleted.", segmentsDeleted());
    fsyncMicros.renderPrometheus(b, prefix + "_fsync_microseconds", "fdatasync time.");
    batchRecords.renderPrometheus(b, prefix + "_batch_records", "Records per group commit.");
    return b.toString();
  }

  private static void gauge(StringBuilder b, String name, String help, long v) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(v);
    b.append('\n');
  }

  private static void counter(StringBuilder b, String name, String help, long v) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(v);
    b.append('\n');
  }
}
