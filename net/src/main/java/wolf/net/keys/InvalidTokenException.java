package wolf.net.keys;

/** A join token that cannot be used; {@link #reason()} says why in a form a program can test. */
public final class InvalidTokenException extends Exception {
  /** Why a token was refused. */
  public enum Reason {
    /** Not base64url, truncated, trailing bytes, or a field out of range. */
    MALFORMED,
    /** Written by a newer WolfNet. */
    UNSUPPORTED_VERSION,
    /** Issued by another node: its inviter key is not ours. */
    WRONG_INVITER,
    /** The authentication tag does not match the contents: the token was altered. */
    TAMPERED,
    /** Past its expiry time. */
    EXPIRED
  }

  private final Reason reason;

  public InvalidTokenException(Reason reason, String message) {
    super("invalid join token: " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
