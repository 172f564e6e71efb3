package wolf.scale.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import wolf.scale.write.InvalidWriteException;

/**
 * A value bound to a {@code ?} of a logged statement. Typed, so that every node binds exactly what
 * the leader bound (a JSON {@code 1} stays an integer, {@code 1.5} a double, {@code "1.50"} a
 * string). Immutable.
 */
public sealed interface SqlValue {

  /** SQL NULL. */
  enum Null implements SqlValue {
    INSTANCE
  }

  /** A signed 64-bit integer. */
  record Int(long value) implements SqlValue {}

  /** An exact decimal. */
  record Dec(BigDecimal value) implements SqlValue {}

  /** A double. */
  record Dbl(double value) implements SqlValue {}

  /** A string (sent in the connection's character set, utf8mb4). */
  record Str(String value) implements SqlValue {}

  /** Binary data. The array is not copied: do not modify it. */
  record Bytes(byte[] value) implements SqlValue {
    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(b.value, value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Bytes[" + value.length + "]";
    }
  }

  /** A boolean (MariaDB stores it as 1/0). */
  record Bool(boolean value) implements SqlValue {}

  /**
   * The value of a JSON scalar as Jackson gives it (or a {@code byte[]}).
   *
   * @param column the column it is for, named in the error
   * @throws InvalidWriteException for objects, arrays and any other type
   */
  static SqlValue of(String column, Object v) {
    if (v == null) {
      return Null.INSTANCE;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return new Int(((Number) v).longValue());
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() < 64 ? new Int(b.longValue()) : new Dec(new BigDecimal(b));
    }
    if (v instanceof BigDecimal d) {
      return new Dec(d);
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new InvalidWriteException("column " + column + ": " + d + " is not a SQL value");
      }
      return new Dbl(d);
    }
    if (v instanceof String s) {
      return new Str(s);
    }
    if (v instanceof Boolean b) {
      return new Bool(b);
    }
    if (v instanceof byte[] b) {
      return new Bytes(b);
    }
    throw new InvalidWriteException(
        "column "
            + column
            + ": a value must be a string, number, boolean or null, not "
            + (v instanceof java.util.Map
                ? "an object"
                : v instanceof java.util.List ? "an array" : v.getClass().getSimpleName()));
  }

  /** Approximate encoded size in bytes, for batch bounds. */
  default int size() {
    if (this instanceof Str s) {
      return s.value().length() * 3;
    }
    if (this instanceof Bytes b) {
      return b.value().length;
    }
    return 9;
  }
}
