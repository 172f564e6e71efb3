package wolf.scale.log;

/** What one WolfScale log entry carries. The byte is part of the encoding: never renumber. */
public enum EntryKind {
  /**
   * Nothing to apply: a barrier the leader appends to learn that every earlier record of its term
   * is committed (also what an empty payload means).
   */
  NOOP(0),
  /** One DML statement (an HTTP write, a proxy autocommit statement). */
  DML(1),
  /** One DDL statement: applied alone, with the DDL marker protocol. */
  DDL(2),
  /** A whole transaction: its statements, applied in one MariaDB transaction. */
  TXN(3);

  final int code;

  EntryKind(int code) {
    this.code = code;
  }

  static EntryKind of(int code) {
    for (EntryKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new EntryFormatException("unknown entry kind " + code);
  }
}
