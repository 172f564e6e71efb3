package wolf.scale.log;

import java.util.List;

/**
 * One WolfScale log entry: the payload of one WAL record, one client write (an HTTP write, a proxy
 * statement or a whole proxy transaction). Encoded by {@link EntryCodec}. Immutable.
 *
 * @param kind what it is; {@link EntryKind#NOOP} has no statements, {@link EntryKind#DML} and
 *     {@link EntryKind#DDL} exactly one
 * @param statements in execution order
 */
public record ScaleEntry(EntryKind kind, List<LoggedStatement> statements) {
  public static final ScaleEntry NOOP = new ScaleEntry(EntryKind.NOOP, List.of());

  public ScaleEntry {
    statements = List.copyOf(statements);
    int n = statements.size();
    if (kind == EntryKind.NOOP ? n != 0 : kind == EntryKind.TXN ? n == 0 : n != 1) {
      throw new IllegalArgumentException(kind + " entry with " + n + " statements");
    }
  }

  /** Bytes of the encoded entry. */
  public byte[] encode() {
    return EntryCodec.encode(this);
  }

  /**
   * Decodes a WAL payload; an empty payload is a {@link #NOOP} (the replicated log's own barrier
   * records).
   *
   * @throws EntryFormatException if it is not an entry this version reads
   */
  public static ScaleEntry decode(byte[] payload) {
    return payload.length == 0 ? NOOP : EntryCodec.decode(payload);
  }
}
