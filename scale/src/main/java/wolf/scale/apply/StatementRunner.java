package wolf.scale.apply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import wolf.scale.sql.SqlValue;

/**
 * Runs one statement exactly as logged: without parameters as plain text, with parameters as a
 * (client-side) prepared statement binding each typed {@link SqlValue} the same way on every node.
 * Stateless.
 */
final class StatementRunner {

  /**
   * What MariaDB answered.
   *
   * @param affectedRows affected rows (or rows returned, for a statement with RETURNING)
   * @param insertId the OK packet's insert id: the first generated AUTO_INCREMENT value, 0 for none
   */
  record Outcome(long affectedRows, long insertId) {}

  private StatementRunner() {}

  static Outcome run(Connection c, String sql, List<SqlValue> params) throws SQLException {
    if (params.isEmpty()) {
      try (Statement s = c.createStatement()) {
        s.setEscapeProcessing(false);
        boolean rows = s.execute(sql, Statement.RETURN_GENERATED_KEYS);
        return outcome(s, rows);
      }
    }
    try (PreparedStatement p = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      for (int i = 0; i < params.size(); i++) {
        bind(p, i + 1, params.get(i));
      }
      boolean rows = p.execute();
      return outcome(p, rows);
    }
  }

  private static Outcome outcome(Statement s, boolean rows) throws SQLException {
    long affected = 0;
    if (rows) {
      try (ResultSet r = s.getResultSet()) {
        while (r.next()) {
          affected++;
        }
      }
    } else {
      affected = Math.max(0, s.getLargeUpdateCount());
    }
    long id = 0;
    try (ResultSet keys = s.getGeneratedKeys()) {
      if (keys != null && keys.next()) {
        id = keys.getLong(1);
      }
    }
    return new Outcome(affected, id);
  }

  static void bind(PreparedStatement p, int i, SqlValue v) throws SQLException {
    if (v instanceof SqlValue.Int x) {
      p.setLong(i, x.value());
    } else if (v instanceof SqlValue.Dec x) {
      p.setBigDecimal(i, x.value());
    } else if (v instanceof SqlValue.Dbl x) {
      p.setDouble(i, x.value());
    } else if (v instanceof SqlValue.Str x) {
      p.setString(i, x.value());
    } else if (v instanceof SqlValue.Bytes x) {
      p.setBytes(i, x.value());
    } else if (v instanceof SqlValue.Bool x) {
      p.setBoolean(i, x.value());
    } else {
      p.setNull(i, Types.NULL);
    }
  }
}
