package wolf.actors.wal;

import java.util.Arrays;

/**
 * One log record as readers see it: the payload is always the caller's original bytes (LZ4 is
 * undone on read). Equality compares payload contents. The array is not copied: do not modify it.
 *
 * <p>A record is also a {@link SegmentedLog.Entry}: {@link Wal#appendReplicated} writes records
 * received from the leader as they are, with their LSN, term and timestamp.
 *
 * @param lsn log sequence number, from 1, contiguous
 * @param term the leadership term the record was appended in
 * @param timestamp wall-clock time of the group commit that wrote it, epoch milliseconds
 * @param payload the record's bytes
 */
public record WalRecord(long lsn, long term, long timestamp, byte[] payload)
    implements SegmentedLog.Entry {

  @Override
  public boolean equals(Object o) {
    return o instanceof WalRecord r
        && r.lsn == lsn
        && r.term == term
        && r.timestamp == timestamp
        && Arrays.equals(r.payload, payload);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(lsn) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "WalRecord[lsn=" + lsn + ", term=" + term + ", bytes=" + payload.length + "]";
  }
}
