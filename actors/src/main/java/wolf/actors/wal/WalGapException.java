package wolf.actors.wal;

/**
 * Records given to {@link Wal#appendReplicated} do not continue the log: the first one's LSN is not
 * the log's next LSN at the moment it is written, or the list itself skips an LSN. Nothing of that
 * call was written. Not retriable as such: the caller resynchronises (asks the leader for the
 * records from {@link #expectedLsn()}, or truncates its own log) and sends a corrected call.
 */
public final class WalGapException extends WalException {
  private final long expectedLsn;
  private final long gotLsn;

  public WalGapException(long expectedLsn, long gotLsn) {
    super("expected a record with LSN " + expectedLsn + " but got LSN " + gotLsn, null);
    this.expectedLsn = expectedLsn;
    this.gotLsn = gotLsn;
  }

  /** The LSN the log needed at that position. */
  public long expectedLsn() {
    return expectedLsn;
  }

  /** The LSN the record there carried. */
  public long gotLsn() {
    return gotLsn;
  }

  @Override
  public boolean retriable() {
    return false;
  }
}
