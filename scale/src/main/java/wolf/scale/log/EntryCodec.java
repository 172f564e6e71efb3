package wolf.scale.log;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import wolf.scale.sql.SqlValue;

/**
 * The binary form of a {@link ScaleEntry} (format version 1). Varints are unsigned LEB128 (7 bits a
 * byte, low first); "zigzag" maps signed to unsigned; strings are varint length + UTF-8.
 *
 * <pre>
 * entry     = version:u8(=1) kind:u8 count:varint statement*
 * statement = sql:string nparams:varint param* schema:dstring
 *             timestampMicros:varint seed1:varint seed2:varint insertId:varint
 *             flags:u8 [lastInsertId:varint] [session]
 *             flags bit 0: lastInsertId present; bit 1: session present (else the previous
 *             statement's session; the first statement always carries one)
 * param     = 0 null | 1 int:zigzag | 2 decimal:string | 3 double:8 bytes big-endian
 *           | 4 string:string | 5 bytes:varint+bytes | 6 true | 7 false
 * session   = sqlMode:dstring timeZone:dstring collation:dstring bools:u8 (bit 0 foreign_key_checks,
 *             bit 1 unique_checks) increment:varint offset:varint
 * dstring   = 0 string | k:u8 (1..n: entry k of {@link #DICTIONARY})
 * </pre>
 *
 * The dictionary holds the common session values (MariaDB 10.11's default sql_mode is 86
 * characters), so a one-row insert with its whole context takes about 40 bytes more than its SQL
 * and values. The dictionary is part of format version 1: changing it means a new version.
 * Stateless.
 */
public final class EntryCodec {
  static final int VERSION = 1;

  /** Values written as one byte. Append-only within a format version. */
  static final List<String> DICTIONARY =
      List.of(
          "",
          "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION",
          "STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION",
          "NO_ENGINE_SUBSTITUTION",
          "SYSTEM",
          "+00:00",
          "UTC",
          "utf8mb4_general_ci",
          "utf8mb4_unicode_ci",
          "utf8mb4_uca1400_ai_ci",
          "utf8mb4_bin",
          "utf8mb3_general_ci",
          "latin1_swedish_ci",
          "binary");

  private EntryCodec() {}

  static byte[] encode(ScaleEntry e) {
    Out out = new Out();
    out.write(VERSION);
    out.write(e.kind().code);
    out.varint(e.statements().size());
    SessionState previous = null;
    for (LoggedStatement s : e.statements()) {
      out.string(s.sql());
      out.varint(s.params().size());
      for (SqlValue v : s.params()) {
        param(out, v);
      }
      out.dstring(s.schema());
      StatementContext c = s.context();
      out.varint(c.timestampMicros());
      out.varint(c.randSeed1());
      out.varint(c.randSeed2());
      out.varint(c.insertId());
      boolean withSession = !s.session().equals(previous);
      out.write((c.lastInsertId().isPresent() ? 1 : 0) | (withSession ? 2 : 0));
      if (c.lastInsertId().isPresent()) {
        out.varint(c.lastInsertId().getAsLong());
      }
      if (withSession) {
        SessionState ss = s.session();
        out.dstring(ss.sqlMode());
        out.dstring(ss.timeZone());
        out.dstring(ss.collationConnection());
        out.write((ss.foreignKeyChecks() ? 1 : 0) | (ss.uniqueChecks() ? 2 : 0));
        out.varint(ss.autoIncrementIncrement());
        out.varint(ss.autoIncrementOffset());
      }
      previous = s.session();
    }
    return out.toByteArray();
  }

  private static void param(Out out, SqlValue v) {
    if (v == SqlValue.Null.INSTANCE) {
      out.write(0);
    } else if (v instanceof SqlValue.Int i) {
      out.write(1);
      out.varint((i.value() << 1) ^ (i.value() >> 63));
    } else if (v instanceof SqlValue.Dec d) {
      out.write(2);
      out.string(d.value().toString());
    } else if (v instanceof SqlValue.Dbl d) {
      out.write(3);
      out.writeBytes(ByteBuffer.allocate(8).putDouble(d.value()).array());
    } else if (v instanceof SqlValue.Str s) {
      out.write(4);
      out.string(s.value());
    } else if (v instanceof SqlValue.Bytes b) {
      out.write(5);
      out.varint(b.value().length);
      out.writeBytes(b.value());
    } else {
      out.write(((SqlValue.Bool) v).value() ? 6 : 7);
    }
  }

  static ScaleEntry decode(byte[] payload) {
    In in = new In(payload);
    int version = in.u8();
    if (version != VERSION) {
      throw new EntryFormatException(
          "log entry format version " + version + " (this node reads version " + VERSION + ")");
    }
    EntryKind kind = EntryKind.of(in.u8());
    int n = in.count();
    List<LoggedStatement> statements = new ArrayList<>(n);
    SessionState session = null;
    for (int i = 0; i < n; i++) {
      String sql = in.string();
      int np = in.count();
      List<SqlValue> params = new ArrayList<>(np);
      for (int p = 0; p < np; p++) {
        params.add(param(in));
      }
      String schema = in.dstring();
      long ts = in.varint();
      long s1 = in.varint();
      long s2 = in.varint();
      long insertId = in.varint();
      int flags = in.u8();
      OptionalLong last = (flags & 1) != 0 ? OptionalLong.of(in.varint()) : OptionalLong.empty();
      if ((flags & 2) != 0) {
        String mode = in.dstring();
        String tz = in.dstring();
        String coll = in.dstring();
        int bools = in.u8();
        session =
            new SessionState(
                mode,
                tz,
                coll,
                (bools & 1) != 0,
                (bools & 2) != 0,
                (int) in.varint(),
                (int) in.varint());
      } else if (session == null) {
        throw new EntryFormatException("first statement without a session");
      }
      statements.add(
          new LoggedStatement(
              sql, params, schema, new StatementContext(ts, s1, s2, insertId, last), session));
    }
    if (in.remaining() != 0) {
      throw new EntryFormatException(in.remaining() + " bytes after the entry");
    }
    try {
      return new ScaleEntry(kind, statements);
    } catch (IllegalArgumentException e) {
      throw new EntryFormatException(e.getMessage());
    }
  }

  private static SqlValue param(In in) {
    int type = in.u8();
    return switch (type) {
      case 0 -> SqlValue.Null.INSTANCE;
      case 1 -> {
        long z = in.varint();
        yield new SqlValue.Int((z >>> 1) ^ -(z & 1));
      }
      case 2 -> new SqlValue.Dec(new BigDecimal(in.string()));
      case 3 -> new SqlValue.Dbl(ByteBuffer.wrap(in.bytes(8)).getDouble());
      case 4 -> new SqlValue.Str(in.string());
      case 5 -> new SqlValue.Bytes(in.bytes(in.count()));
      case 6 -> new SqlValue.Bool(true);
      case 7 -> new SqlValue.Bool(false);
      default -> throw new EntryFormatException("unknown parameter type " + type);
    };
  }

  /** Growable output with varints. */
  private static final class Out extends ByteArrayOutputStream {
    Out() {
      super(128);
    }

    void varint(long v) {
      while ((v & ~0x7FL) != 0) {
        write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      write((int) v);
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint(b.length);
      writeBytes(b);
    }

    void dstring(String s) {
      int k = DICTIONARY.indexOf(s);
      if (k >= 0) {
        write(k + 1);
      } else {
        write(0);
        string(s);
      }
    }
  }

  /** Bounds-checked input: every overrun is an {@link EntryFormatException}. */
  private static final class In {
    private final byte[] b;
    private int pos;

    In(byte[] b) {
      this.b = b;
    }

    int remaining() {
      return b.length - pos;
    }

    int u8() {
      if (pos >= b.length) {
        throw new EntryFormatException("entry truncated at byte " + pos);
      }
      return b[pos++] & 0xFF;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int x = u8();
        v |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          return v;
        }
      }
      throw new EntryFormatException("varint too long at byte " + pos);
    }

    int count() {
      long n = varint();
      if (n < 0 || n > remaining() + 16L) {
        throw new EntryFormatException("bad count " + n + " at byte " + pos);
      }
      return (int) n;
    }

    byte[] bytes(int n) {
      if (n > remaining()) {
        throw new EntryFormatException("entry truncated at byte " + pos);
      }
      byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
      pos += n;
      return out;
    }

    String string() {
      return new String(bytes(count()), StandardCharsets.UTF_8);
    }

    String dstring() {
      int k = u8();
      if (k == 0) {
        return string();
      }
      if (k > DICTIONARY.size()) {
        throw new EntryFormatException("unknown dictionary entry " + k);
      }
      return DICTIONARY.get(k - 1);
    }
  }
}
