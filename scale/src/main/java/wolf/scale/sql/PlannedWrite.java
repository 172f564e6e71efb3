package wolf.scale.sql;

import java.util.List;

/**
 * A client write turned into the one statement the leader runs and logs.
 *
 * @param ddl whether it is DDL (committed implicitly by MariaDB: run with the DDL protocol)
 * @param sql the statement, with {@code ?} for each of {@code params} (none for DDL and raw SQL)
 * @param params the bound values, in order
 * @param schema the current schema to run it in ("" for none)
 * @param schemaRequired whether the client named {@code schema} itself (its {@code database}): if
 *     it does not exist the write fails; otherwise (the node's default) the write runs in whatever
 *     schema the session has when the default does not exist yet (e.g. {@code CREATE DATABASE})
 * @param readsLastInsertId whether the session's LAST_INSERT_ID() before it must be logged
 * @param statement the classification ({@code kind}, {@code ddlObject}, {@code verb} …)
 */
public record PlannedWrite(
    boolean ddl,
    String sql,
    List<SqlValue> params,
    String schema,
    boolean schemaRequired,
    boolean readsLastInsertId,
    SqlKind kind,
    String verb,
    String ddlObject) {

  public PlannedWrite {
    params = List.copyOf(params);
  }

  /** Approximate size in bytes, for batch and log bounds. */
  public int size() {
    int n = sql.length() * 3 + schema.length() + 64;
    for (SqlValue v : params) {
      n += v.size();
    }
    return n;
  }
}
