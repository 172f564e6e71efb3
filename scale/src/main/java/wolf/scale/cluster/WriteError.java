package wolf.scale.cluster;

import wolf.actors.CborSerializable;
import wolf.scale.write.InvalidWriteException;
import wolf.scale.write.NonDeterministicWriteException;
import wolf.scale.write.SqlWriteException;
import wolf.scale.write.WriteUnavailableException;

/**
 * A write's failure as it crosses the network from the leader back to the node that forwarded it,
 * so the caller gets the leader's real error, typed as if the write had run locally.
 *
 * @param kind which exception it was
 * @param message its message, unchanged
 * @param errorCode MariaDB's error number ({@link Kind#SQL} only)
 * @param sqlState MariaDB's SQLSTATE ({@link Kind#SQL} only, else empty)
 * @param outcomeUnknown whether the write may have been applied ({@link Kind#UNAVAILABLE} only)
 */
public record WriteError(
    Kind kind, String message, int errorCode, String sqlState, boolean outcomeUnknown)
    implements CborSerializable {

  /** The exception classes a write can fail with. */
  public enum Kind {
    SQL,
    INVALID,
    NON_DETERMINISTIC,
    UNAVAILABLE,
    /** The receiving node does not lead (any more): nothing was run; retry on the new leader. */
    NOT_LEADER
  }

  /** Turns a local failure into its wire form. */
  public static WriteError of(Throwable t) {
    String m = t.getMessage() == null ? t.toString() : t.getMessage();
    if (t instanceof SqlWriteException s) {
      return new WriteError(Kind.SQL, m, s.errorCode(), s.sqlState(), false);
    }
    if (t instanceof NonDeterministicWriteException) {
      return new WriteError(Kind.NON_DETERMINISTIC, m, 0, "", false);
    }
    if (t instanceof InvalidWriteException) {
      return new WriteError(Kind.INVALID, m, 0, "", false);
    }
    if (t instanceof NotLeadingException) {
      return new WriteError(Kind.NOT_LEADER, m, 0, "", false);
    }
    if (t instanceof WriteUnavailableException u) {
      return new WriteError(Kind.UNAVAILABLE, m, 0, "", u.outcomeUnknown());
    }
    // Anything else happened after the request reached the leader: it may have run.
    return new WriteError(Kind.UNAVAILABLE, "the leader failed: " + m, 0, "", true);
  }

  /** The exception the caller sees, as if the write had run on this node. */
  public RuntimeException toException(String leader) {
    return switch (kind) {
      case SQL -> new SqlWriteException(errorCode, sqlState, message);
      case INVALID -> new InvalidWriteException(message);
      case NON_DETERMINISTIC -> new NonDeterministicWriteException(message);
      case NOT_LEADER -> new NotLeadingException(leader + ": " + message);
      case UNAVAILABLE -> new WriteUnavailableException(message, outcomeUnknown, null);
    };
  }
}
