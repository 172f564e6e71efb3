package wolf.scale.sql;

import wolf.scale.write.InvalidWriteException;

/**
 * The text cannot be tokenized (an unterminated string, quoted identifier or comment). Nothing was
 * run. {@link #offset()} is where the unterminated construct starts.
 */
public final class SqlSyntaxException extends InvalidWriteException {
  private final int offset;

  public SqlSyntaxException(String message, int offset) {
    super(message + " (at offset " + offset + ")");
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
