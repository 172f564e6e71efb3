package wolf.scale.sql;

/**
 * Where the leader takes the values that replace {@code UUID()} and {@code UUID_SHORT()} in a
 * write, so that every node stores the same value. Implementations must be thread-safe.
 */
public interface UuidSource {
  /** A new UUID in MariaDB's text form ({@code 8-4-4-4-12} lower-case hex). */
  String uuid();

  /** A new value as {@code UUID_SHORT()} would give: unique, increasing, unsigned 64-bit. */
  long uuidShort();
}
