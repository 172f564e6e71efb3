package wolf.scale.sql;

import java.util.Optional;
import wolf.scale.write.InvalidWriteException;

/**
 * Identifier rules for the structured writes ({@code /write/insert|update|delete|upsert}): a
 * schema, table or column name is 1 to 64 characters of {@code [A-Za-z0-9_$]} and not only digits.
 * That is a strict subset of what MariaDB accepts unquoted, so a checked name, quoted in backticks,
 * can only ever mean that one object. A table may be given as {@code schema.table} (two names
 * checked separately). Stateless.
 */
public final class Identifiers {
  /** The schema WolfScale keeps its own state in; no client write may touch it. */
  public static final String RESERVED_SCHEMA = "wolfscale";

  private Identifiers() {}

  /**
   * @param what what the name is, for the error ("table", "column")
   * @throws InvalidWriteException naming {@code what} and the rule
   */
  public static String check(String what, String name) {
    if (name == null || name.isEmpty() || name.length() > 64) {
      throw invalid(what, name);
    }
    boolean digitsOnly = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      if (!(digit || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$')) {
        throw invalid(what, name);
      }
      digitsOnly &= digit;
    }
    if (digitsOnly) {
      throw invalid(what, name);
    }
    return name;
  }

  /** {@code name} checked and in backticks. */
  public static String quote(String what, String name) {
    return "`" + check(what, name) + "`";
  }

  /**
   * The quoted, qualified table of a structured write: {@code table} may be {@code schema.table};
   * else {@code database}, else {@code defaultSchema}, qualifies it.
   *
   * @throws InvalidWriteException for a bad name, no schema at all, a schema given twice
   *     differently, or the reserved schema
   */
  public static TableName table(Optional<String> database, String table, String defaultSchema) {
    if (table == null) {
      throw new InvalidWriteException("table is missing");
    }
    String schema;
    String name;
    int dot = table.indexOf('.');
    if (dot >= 0) {
      schema = check("schema", table.substring(0, dot));
      name = check("table", table.substring(dot + 1));
      if (database.isPresent() && !database.get().equals(schema)) {
        throw new InvalidWriteException(
            "table " + table + " names schema " + schema + " but database is " + database.get());
      }
    } else {
      name = check("table", table);
      schema = database.orElse(defaultSchema);
      if (schema.isEmpty()) {
        throw new InvalidWriteException(
            "no database: give \"database\", a qualified \"schema.table\", or set [database] database");
      }
      check("database", schema);
    }
    if (schema.equalsIgnoreCase(RESERVED_SCHEMA)) {
      throw new InvalidWriteException(
          "the " + RESERVED_SCHEMA + " schema is WolfScale's own state");
    }
    return new TableName(Optional.of(schema), name);
  }

  /** {@code `schema`.`table`}. */
  public static String quoted(TableName t) {
    return t.schema().map(s -> "`" + s + "`.").orElse("") + "`" + t.name() + "`";
  }

  private static InvalidWriteException invalid(String what, String name) {
    return new InvalidWriteException(
        what
            + " name "
            + (name == null
                ? "null"
                : "'" + (name.length() > 80 ? name.substring(0, 80) + "…" : name) + "'")
            + " is not accepted: use 1-64 characters of A-Z a-z 0-9 _ $, not only digits");
  }
}
