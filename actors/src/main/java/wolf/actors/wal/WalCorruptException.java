package wolf.actors.wal;

import java.nio.file.Path;

/**
 * A segment holds bytes that are not a valid record where one must be: a checksum mismatch, a
 * broken frame, a gap in LSNs, a bad header. Never retriable: the data on disk needs an operator
 * (restore the segment from a replica, or truncate the log after the last good LSN).
 */
public final class WalCorruptException extends WalException {
  private final Path segment;
  private final long offset;
  private final String reason;

  public WalCorruptException(Path segment, long offset, String reason) {
    super(segment + ": corrupt at offset " + offset + ": " + reason, null);
    this.segment = segment;
    this.offset = offset;
    this.reason = reason;
  }

  /** The segment file. */
  public Path segment() {
    return segment;
  }

  /** Byte offset in {@link #segment()} of the first bad record (or header). */
  public long offset() {
    return offset;
  }

  public String reason() {
    return reason;
  }

  @Override
  public boolean retriable() {
    return false;
  }
}
