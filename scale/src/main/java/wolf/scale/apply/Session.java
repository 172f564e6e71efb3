package wolf.scale.apply;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import wolf.scale.log.LoggedStatement;
import wolf.scale.log.SessionState;
import wolf.scale.log.StatementContext;

/**
 * One connection's session as WolfScale drives it: pins a statement's context (timestamp, RAND
 * seeds, insert id, last insert id, session variables, schema) in one round trip, skipping session
 * variables it already holds. Session variables are not transactional, so what it remembers stays
 * true across rollbacks; a new connection needs a new {@code Session}. JDBC thread only.
 */
final class Session {
  private static final Pattern SQL_MODE = Pattern.compile("[A-Z0-9_,]*");
  private static final Pattern TIME_ZONE = Pattern.compile("[A-Za-z0-9_/+:.\\-]+");
  private static final Pattern COLLATION = Pattern.compile("[A-Za-z0-9_]+");

  private final Connection connection;
  private SessionState state;
  private String schema;

  Session(Connection connection) throws SQLException {
    this.connection = connection;
    String c = connection.getCatalog();
    this.schema = c == null ? "" : c;
  }

  Connection connection() {
    return connection;
  }

  /** The current schema ("" for none). */
  String schema() {
    return schema;
  }

  /** Makes {@code s} the current schema; "" leaves the current one (MariaDB cannot unset it). */
  void useSchema(String s) throws SQLException {
    if (!s.isEmpty() && !s.equals(schema)) {
      connection.setCatalog(s);
      schema = s;
    }
  }

  /** Reads the session variables a logged statement carries (the leader's side). */
  SessionState readState() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT @@sql_mode, @@time_zone, @@collation_connection, @@foreign_key_checks,"
                    + " @@unique_checks, @@auto_increment_increment, @@auto_increment_offset")) {
      r.next();
      state =
          new SessionState(
              r.getString(1),
              r.getString(2),
              r.getString(3),
              r.getInt(4) != 0,
              r.getInt(5) != 0,
              r.getInt(6),
              r.getInt(7));
      return state;
    }
  }

  /** The session's LAST_INSERT_ID() now. */
  long lastInsertId() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT LAST_INSERT_ID()")) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Leader: pins the timestamp and RAND seeds a new statement will log. */
  void pinLeader(long timestampMicros, long seed1, long seed2) throws SQLException {
    exec(
        "SET timestamp="
            + timestamp(timestampMicros)
            + ", rand_seed1="
            + seed1
            + ", rand_seed2="
            + seed2);
  }

  /** Follower: pins everything {@code s} carries, then its schema. */
  void pinReplay(LoggedStatement s) throws SQLException {
    StatementContext c = s.context();
    StringBuilder sql =
        new StringBuilder("SET timestamp=")
            .append(timestamp(c.timestampMicros()))
            .append(", rand_seed1=")
            .append(c.randSeed1())
            .append(", rand_seed2=")
            .append(c.randSeed2())
            .append(", insert_id=")
            .append(Long.toUnsignedString(c.insertId()));
    OptionalLong last = c.lastInsertId();
    if (last.isPresent()) {
      sql.append(", last_insert_id=").append(Long.toUnsignedString(last.getAsLong()));
    }
    SessionState ss = s.session();
    if (!ss.equals(state)) {
      sql.append(", sql_mode='")
          .append(checked(SQL_MODE, ss.sqlMode(), "sql_mode"))
          .append("', time_zone='")
          .append(checked(TIME_ZONE, ss.timeZone(), "time_zone"))
          .append("', collation_connection='")
          .append(checked(COLLATION, ss.collationConnection(), "collation_connection"))
          .append("', foreign_key_checks=")
          .append(ss.foreignKeyChecks() ? 1 : 0)
          .append(", unique_checks=")
          .append(ss.uniqueChecks() ? 1 : 0)
          .append(", auto_increment_increment=")
          .append(ss.autoIncrementIncrement())
          .append(", auto_increment_offset=")
          .append(ss.autoIncrementOffset());
    }
    exec(sql.toString());
    state = ss;
    useSchema(s.schema());
  }

  private void exec(String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.setEscapeProcessing(false);
      st.execute(sql);
    }
  }

  static String timestamp(long micros) {
    return Math.floorDiv(micros, 1_000_000L)
        + "."
        + String.format("%06d", Math.floorMod(micros, 1_000_000L));
  }

  private static String checked(Pattern p, String value, String what) throws SQLException {
    if (!p.matcher(value).matches()) {
      throw new SQLException(
          "refusing to set " + what + " to '" + value + "': unexpected characters");
    }
    return value;
  }
}
