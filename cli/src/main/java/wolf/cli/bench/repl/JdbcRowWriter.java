package wolf.cli.bench.repl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import wolf.scale.mariadb.MariaDbServer;

/**
 * Writes straight to one MariaDB over its own JDBC connection (Connector/J, autocommit): the
 * baseline writer. The id comes from the OK packet's insert id, with no extra round trip.
 */
public final class JdbcRowWriter implements Client {
  private final Connection connection;
  private final PreparedStatement insert;

  public JdbcRowWriter(String jdbcUrl) throws SQLException {
    connection = DriverManager.getConnection(jdbcUrl, MariaDbServer.USER, MariaDbServer.PASSWORD);
    insert =
        connection.prepareStatement(
            "INSERT INTO bench.t (k, v) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS);
  }

  @Override
  public long send(int seq) throws SQLException {
    insert.setInt(1, seq);
    insert.setString(2, "row-" + seq);
    insert.executeUpdate();
    try (ResultSet keys = insert.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("no generated key returned for the insert");
      }
      return keys.getLong(1);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // The benchmark is over for this connection; nothing to recover.
    }
  }
}
