package wolf.scale.apply;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The {@code wolfscale} schema in each node's MariaDB: where the node records how far it has
 * applied the log, in the same transaction as the changes (exactly-once apply).
 *
 * <pre>
 * wolfscale.applied    (id = 1, lsn, term)   the last record applied, and its term
 * wolfscale.ddl_marker (id = 1, role, lsn, term, sql_sha256, sql_text)
 *                      present only while a DDL statement is between "executed" and "recorded"
 * </pre>
 *
 * Both are InnoDB and travel inside snapshots. Every advance checks the previous LSN ({@code WHERE
 * lsn = previous}), so two processes applying to one database fail instead of interleaving. Methods
 * run on the caller's connection and transaction; none commits unless it says so.
 */
final class Bookkeeping {
  static final String SCHEMA = "wolfscale";

  /** The applied position: the last record applied, and its term. */
  record Applied(long lsn, long term) {}

  private Bookkeeping() {}

  /** Creates the schema and tables if missing, and the one {@code applied} row; commits. */
  static void ensure(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA);
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + SCHEMA
              + ".applied (id TINYINT UNSIGNED PRIMARY KEY, lsn BIGINT UNSIGNED NOT NULL,"
              + " term BIGINT UNSIGNED NOT NULL) ENGINE=InnoDB");
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + SCHEMA
              + ".ddl_marker (id TINYINT UNSIGNED PRIMARY KEY, role ENUM('leader','follower')"
              + " NOT NULL, lsn BIGINT UNSIGNED NOT NULL, term BIGINT UNSIGNED NOT NULL,"
              + " sql_sha256 CHAR(64) NOT NULL, sql_text MEDIUMTEXT NOT NULL) ENGINE=InnoDB");
      s.execute("INSERT IGNORE INTO " + SCHEMA + ".applied VALUES (1, 0, 0)");
    }
    c.commit();
  }

  static Applied read(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT lsn, term FROM " + SCHEMA + ".applied WHERE id = 1")) {
      if (!r.next()) {
        throw new SQLException(SCHEMA + ".applied has no row 1");
      }
      return new Applied(r.getLong(1), r.getLong(2));
    }
  }

  /**
   * Moves the applied position from {@code previous} to {@code lsn}, in the caller's transaction.
   *
   * @throws ConcurrentApplyException if the stored position is not {@code previous}
   */
  static void advance(Connection c, long previous, long lsn, long term) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE " + SCHEMA + ".applied SET lsn = ?, term = ? WHERE id = 1 AND lsn = ?")) {
      p.setLong(1, lsn);
      p.setLong(2, term);
      p.setLong(3, previous);
      if (p.executeUpdate() != 1) {
        throw new ConcurrentApplyException(
            "the applied LSN in "
                + SCHEMA
                + ".applied is no longer "
                + previous
                + ": another process is applying to this database");
      }
    }
  }

  static Optional<DdlMarker> marker(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT role, lsn, term, sql_sha256, sql_text FROM "
                    + SCHEMA
                    + ".ddl_marker WHERE id = 1")) {
      if (!r.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new DdlMarker(
              r.getString(1).equals("leader"),
              r.getLong(2),
              r.getLong(3),
              r.getString(4),
              r.getString(5)));
    }
  }

  /** Writes the marker and commits, so it survives the DDL's own implicit commit and any crash. */
  static void putMarker(Connection c, DdlMarker m) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("REPLACE INTO " + SCHEMA + ".ddl_marker VALUES (1, ?, ?, ?, ?, ?)")) {
      p.setString(1, m.leader() ? "leader" : "follower");
      p.setLong(2, m.lsn());
      p.setLong(3, m.term());
      p.setString(4, m.sha256());
      p.setString(5, m.sql());
      p.executeUpdate();
    }
    c.commit();
  }

  /** Deletes the marker in the caller's transaction. */
  static void clearMarker(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM " + SCHEMA + ".ddl_marker WHERE id = 1");
    }
  }
}
