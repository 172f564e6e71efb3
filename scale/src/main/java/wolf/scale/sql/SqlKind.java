package wolf.scale.sql;

/** What a statement does, by its leading keywords. */
public enum SqlKind {
  /** SELECT, VALUES, TABLE; a read unless it calls NEXTVAL/SETVAL (see {@link SqlStatement}). */
  SELECT,
  INSERT,
  REPLACE,
  UPDATE,
  DELETE,
  /** CREATE, ALTER, DROP, RENAME, TRUNCATE, GRANT, REVOKE, SET PASSWORD, SET DEFAULT ROLE. */
  DDL,
  /** SET of session variables, names, transaction characteristics, {@code SET ROLE}. */
  SET,
  USE,
  /** BEGIN [WORK], START TRANSACTION … */
  BEGIN,
  COMMIT,
  /** ROLLBACK [WORK] without TO. */
  ROLLBACK,
  /** SAVEPOINT, RELEASE SAVEPOINT, ROLLBACK TO [SAVEPOINT]. */
  SAVEPOINT,
  CALL,
  /** LOAD DATA / LOAD XML. */
  LOAD_DATA,
  SHOW,
  /** EXPLAIN, DESCRIBE, DESC. */
  EXPLAIN,
  /**
   * Local administration that changes no replicated data: FLUSH, KILL, RESET, PURGE, CHANGE MASTER,
   * START/STOP SLAVE, INSTALL/UNINSTALL, LOCK/UNLOCK TABLES, CHECK, CHECKSUM, ANALYZE TABLE,
   * OPTIMIZE, REPAIR, CACHE INDEX, LOAD INDEX, SHUTDOWN, HELP, BINLOG, SIGNAL, RESIGNAL, GET
   * DIAGNOSTICS.
   */
  ADMIN,
  /**
   * Anything else (DO, HANDLER, XA, PREPARE/EXECUTE/DEALLOCATE, BEGIN NOT ATOMIC, unknown words):
   * treated as a possible write.
   */
  OTHER,
  /** Only comments or whitespace. */
  EMPTY;

  /** Whether statements of this kind change data or schema (or may: CALL, OTHER). */
  public boolean writes() {
    return switch (this) {
      case INSERT, REPLACE, UPDATE, DELETE, DDL, CALL, LOAD_DATA, OTHER -> true;
      default -> false;
    };
  }

  /** Transaction control: BEGIN, COMMIT, ROLLBACK, SAVEPOINT. */
  public boolean transactionControl() {
    return this == BEGIN || this == COMMIT || this == ROLLBACK || this == SAVEPOINT;
  }

  /** INSERT, REPLACE, UPDATE, DELETE. */
  public boolean dml() {
    return this == INSERT || this == REPLACE || this == UPDATE || this == DELETE;
  }
}
