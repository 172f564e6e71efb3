package wolf.scale.apply;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import java.util.Set;
import wolf.config.DatabaseSettings;

/**
 * Opens connections to this node's own MariaDB ({@code [database]}) with Connector/J. Every
 * connection: no TLS (a local server), autocommit off, affected rows (not found rows) reported as
 * MariaDB counts them, multi-statements off (a write is one statement, whatever its text says), no
 * JDBC escape processing. Stateless; thread-safe.
 */
public final class LocalDatabase {
  /** MariaDB/client error numbers meaning the connection, not the statement, failed. */
  private static final Set<Integer> CONNECTION_ERRORS =
      Set.of(1053, 1077, 1152, 1184, 1927, 2006, 2013);

  private final DatabaseSettings settings;

  public LocalDatabase(DatabaseSettings settings) {
    this.settings = settings;
  }

  /** A JDBC URL without credentials (they go in properties). */
  public String url() {
    return "jdbc:mariadb://" + settings.host() + ":" + settings.port() + "/";
  }

  /** A new connection with autocommit off, its schema set to {@code [database] database} if any. */
  public Connection open() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", settings.user());
    p.setProperty("password", settings.password());
    p.setProperty("sslMode", "disable");
    p.setProperty("useAffectedRows", "true");
    p.setProperty("allowMultiQueries", "false");
    p.setProperty("connectTimeout", "5000");
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("useServerPrepStmts", "false");
    Connection c = DriverManager.getConnection(url(), p);
    try {
      c.setAutoCommit(false);
      return c;
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /**
   * Whether {@code e} says the connection is gone (retry on a new one) rather than the SQL failed.
   */
  public static boolean isConnectionError(SQLException e) {
    String state = e.getSQLState();
    return e instanceof SQLNonTransientConnectionException
        || e instanceof SQLTransientConnectionException
        || (state != null && state.startsWith("08"))
        || CONNECTION_ERRORS.contains(e.getErrorCode());
  }

  /** MariaDB's own message: Connector/J's {@code (conn=N) } prefix removed. */
  public static String serverMessage(SQLException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (m.startsWith("(conn=")) {
      int close = m.indexOf(") ");
      if (close > 0) {
        m = m.substring(close + 2);
      }
    }
    return m;
  }

  static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // already broken: nothing to do
    }
  }
}
