package wolf.scale.write;

/**
 * The cluster cannot take the write now: no leader, quorum lost, or timed out. When {@link
 * #outcomeUnknown()} the write may still have been applied; otherwise nothing was written.
 */
public final class WriteUnavailableException extends RuntimeException {
  private final boolean outcomeUnknown;

  public WriteUnavailableException(String message, boolean outcomeUnknown, Throwable cause) {
    super(message, cause);
    this.outcomeUnknown = outcomeUnknown;
  }

  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }
}
