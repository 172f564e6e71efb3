package wolf.scale.write;

/** The statement would not replay identically on every node (e.g. UUID() in a multi-row write). */
public final class NonDeterministicWriteException extends InvalidWriteException {
  public NonDeterministicWriteException(String message) {
    super(message);
  }
}
