package wolf.scale.write;

/** MariaDB refused the write on the leader; its error, unchanged. Nothing was logged. */
public final class SqlWriteException extends RuntimeException {
  private final int errorCode;
  private final String sqlState;

  public SqlWriteException(int errorCode, String sqlState, String message) {
    super(message);
    this.errorCode = errorCode;
    this.sqlState = sqlState;
  }

  /** MariaDB's error number, e.g. 1146 for "Table ... doesn't exist". */
  public int errorCode() {
    return errorCode;
  }

  /** The five-character SQLSTATE, e.g. "42S02". */
  public String sqlState() {
    return sqlState;
  }
}
