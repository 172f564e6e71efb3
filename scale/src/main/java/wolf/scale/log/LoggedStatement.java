package wolf.scale.log;

import java.util.List;
import wolf.scale.sql.SqlValue;

/**
 * One statement as the leader ran it, with everything needed to run it identically elsewhere.
 *
 * @param sql the text (after determinism rewriting), {@code ?} for each parameter
 * @param params bound values, in order; empty: run as a plain statement
 * @param schema the current schema ("" for none)
 * @param context per-statement pinned values
 * @param session the session variables it ran under
 */
public record LoggedStatement(
    String sql,
    List<SqlValue> params,
    String schema,
    StatementContext context,
    SessionState session) {
  public LoggedStatement {
    params = List.copyOf(params);
  }
}
