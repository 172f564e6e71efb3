package wolf.scale.apply;

import java.sql.SQLException;

/**
 * The applied position moved under us: another process applies to the same MariaDB. Applying stops;
 * an operator must make sure one node owns one database.
 */
public final class ConcurrentApplyException extends SQLException {
  public ConcurrentApplyException(String message) {
    super(message);
  }
}
