package wolf.scale.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import wolf.scale.write.InvalidWriteException;
import wolf.scale.write.WriteRequest;

/**
 * Turns a {@link WriteRequest} into the statement the leader runs and logs ({@link PlannedWrite}).
 *
 * <p>Structured writes (insert, update, delete, upsert) are rendered from checked, backtick-quoted
 * identifiers ({@link Identifiers}) and {@code ?} placeholders; every value is bound, none is ever
 * part of the text. {@code whereKey} must not be empty; a {@code null} in it matches with {@code IS
 * NULL}. Only {@link WriteRequest.Ddl#ddl} and {@link WriteRequest.Sql#sql} are SQL text, and they
 * are checked: {@code ddl} must be exactly one DDL statement; {@code sql} exactly one INSERT,
 * REPLACE, UPDATE, DELETE or DDL statement — not a read, not transaction control, not CALL or LOAD
 * DATA (their effect cannot be checked for determinism), not several statements. Both pass {@link
 * Determinism} and may not use user variables (the leader runs writes on a shared connection) or
 * temporary tables (session state), nor touch the {@code wolfscale} schema. Stateless apart from
 * the UUID source; thread-safe.
 */
public final class WritePlanner {
  /** Largest statement accepted (text plus values), well below the log's 16 MiB per record. */
  public static final int MAX_BYTES = 8 << 20;

  private final String defaultSchema;
  private final UuidSource uuids;

  /**
   * @param defaultSchema {@code [database] database}: the schema of writes that name none ("" for
   *     none)
   * @param uuids where UUID() replacements come from
   */
  public WritePlanner(String defaultSchema, UuidSource uuids) {
    this.defaultSchema = defaultSchema;
    this.uuids = uuids;
  }

  /**
   * @param dialect the executing session's lexical mode (its sql_mode)
   * @throws InvalidWriteException (or {@link wolf.scale.write.NonDeterministicWriteException})
   *     saying why the write is refused; nothing was run
   */
  public PlannedWrite plan(WriteRequest request, SqlDialect dialect) {
    PlannedWrite p;
    if (request instanceof WriteRequest.Insert i) {
      p = insert(i.database(), i.table(), i.values(), false);
    } else if (request instanceof WriteRequest.Upsert u) {
      p = insert(u.database(), u.table(), u.values(), true);
    } else if (request instanceof WriteRequest.Update u) {
      p = update(u);
    } else if (request instanceof WriteRequest.Delete d) {
      p = delete(d);
    } else if (request instanceof WriteRequest.Ddl d) {
      p = text(d.database(), d.ddl(), dialect, true);
    } else {
      WriteRequest.Sql q = (WriteRequest.Sql) request;
      p = text(q.database(), q.sql(), dialect, false);
    }
    if (p.size() > MAX_BYTES) {
      throw new InvalidWriteException(
          "the write is " + p.size() + " bytes; at most " + MAX_BYTES + " are accepted");
    }
    return p;
  }

  private PlannedWrite insert(
      Optional<String> db, String table, Map<String, Object> values, boolean upsert) {
    TableName t = Identifiers.table(db, table, defaultSchema);
    if (values == null || (upsert && values.isEmpty())) {
      throw new InvalidWriteException("values must name at least one column");
    }
    StringJoiner cols = new StringJoiner(", ", "(", ")");
    StringJoiner marks = new StringJoiner(", ", "(", ")");
    StringJoiner updates = new StringJoiner(", ");
    List<SqlValue> params = new ArrayList<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      String c = Identifiers.quote("column", e.getKey());
      cols.add(c);
      marks.add("?");
      updates.add(c + " = VALUES(" + c + ")");
      params.add(SqlValue.of(e.getKey(), e.getValue()));
    }
    String sql = "INSERT INTO " + Identifiers.quoted(t) + " " + cols + " VALUES " + marks;
    if (upsert) {
      sql += " ON DUPLICATE KEY UPDATE " + updates;
    }
    return dml(sql, params, t, SqlKind.INSERT);
  }

  private PlannedWrite update(WriteRequest.Update u) {
    TableName t = Identifiers.table(u.database(), u.table(), defaultSchema);
    if (u.set() == null || u.set().isEmpty()) {
      throw new InvalidWriteException("set must name at least one column");
    }
    StringJoiner set = new StringJoiner(", ");
    List<SqlValue> params = new ArrayList<>();
    for (Map.Entry<String, Object> e : u.set().entrySet()) {
      set.add(Identifiers.quote("column", e.getKey()) + " = ?");
      params.add(SqlValue.of(e.getKey(), e.getValue()));
    }
    String where = where(u.whereKey(), params);
    return dml(
        "UPDATE " + Identifiers.quoted(t) + " SET " + set + " WHERE " + where,
        params,
        t,
        SqlKind.UPDATE);
  }

  private PlannedWrite delete(WriteRequest.Delete d) {
    TableName t = Identifiers.table(d.database(), d.table(), defaultSchema);
    List<SqlValue> params = new ArrayList<>();
    String where = where(d.whereKey(), params);
    return dml(
        "DELETE FROM " + Identifiers.quoted(t) + " WHERE " + where, params, t, SqlKind.DELETE);
  }

  private static String where(Map<String, Object> key, List<SqlValue> params) {
    if (key == null || key.isEmpty()) {
      throw new InvalidWriteException(
          "where_key must name at least one column: a write without it would touch every row");
    }
    StringJoiner w = new StringJoiner(" AND ");
    for (Map.Entry<String, Object> e : key.entrySet()) {
      SqlValue v = SqlValue.of(e.getKey(), e.getValue());
      String c = Identifiers.quote("column", e.getKey());
      if (v == SqlValue.Null.INSTANCE) {
        w.add(c + " IS NULL");
      } else {
        w.add(c + " = ?");
        params.add(v);
      }
    }
    return w.toString();
  }

  private static PlannedWrite dml(String sql, List<SqlValue> params, TableName t, SqlKind kind) {
    return new PlannedWrite(
        false, sql, params, t.schema().orElse(""), false, false, kind, kind.name(), "");
  }

  private PlannedWrite text(Optional<String> db, String sql, SqlDialect dialect, boolean ddlOnly) {
    if (sql == null || sql.isBlank()) {
      throw new InvalidWriteException((ddlOnly ? "ddl" : "sql") + " is empty");
    }
    if (sql.length() > MAX_BYTES) {
      throw new InvalidWriteException("the statement is longer than " + MAX_BYTES + " characters");
    }
    String schema = db.map(d -> Identifiers.check("database", d)).orElse(defaultSchema);
    if (schema.equalsIgnoreCase(Identifiers.RESERVED_SCHEMA)) {
      throw new InvalidWriteException("the wolfscale schema is WolfScale's own state");
    }
    SqlStatement st = SqlClassifier.single(sql, dialect);
    SqlKind k = st.kind();
    if (ddlOnly && k != SqlKind.DDL) {
      throw new InvalidWriteException(
          "/write/ddl takes one DDL statement (CREATE, ALTER, DROP, RENAME, TRUNCATE, GRANT,"
              + " REVOKE); this is "
              + describe(st));
    }
    if (!ddlOnly && !k.dml() && k != SqlKind.DDL) {
      throw new InvalidWriteException(
          "/write/sql takes one INSERT, REPLACE, UPDATE, DELETE or DDL statement; this is "
              + describe(st)
              + (k == SqlKind.CALL || k == SqlKind.LOAD_DATA
                  ? " (its effect cannot be checked to replay identically on every node)"
                  : ""));
    }
    if (st.temporary()) {
      throw new InvalidWriteException(
          "temporary tables belong to one session and are not replicated");
    }
    st.table()
        .flatMap(TableName::schema)
        .filter(s -> s.equalsIgnoreCase(Identifiers.RESERVED_SCHEMA))
        .ifPresent(
            s -> {
              throw new InvalidWriteException("the wolfscale schema is WolfScale's own state");
            });
    Determinism.Result r = Determinism.check(st, uuids);
    if (!r.userVariables().isEmpty()) {
      throw new InvalidWriteException(
          "user variables ("
              + String.join(", ", r.userVariables().stream().map(v -> "@" + v).toList())
              + ") are session state and are not accepted in a write");
    }
    return new PlannedWrite(
        k == SqlKind.DDL,
        r.sql(),
        List.of(),
        schema,
        db.isPresent(),
        r.readsLastInsertId(),
        k,
        st.verb(),
        st.ddlObject());
  }

  private static String describe(SqlStatement st) {
    return st.kind() == SqlKind.EMPTY
        ? "empty"
        : "a " + st.kind() + " statement (" + st.verb() + ")";
  }
}
