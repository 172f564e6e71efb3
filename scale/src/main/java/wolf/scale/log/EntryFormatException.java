package wolf.scale.log;

/**
 * A log payload is not a WolfScale entry this version can read (unknown format version or kind,
 * truncated, trailing bytes). Applying stops on it: it is never skipped.
 */
public final class EntryFormatException extends RuntimeException {
  public EntryFormatException(String message) {
    super(message);
  }
}
