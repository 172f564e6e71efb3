package wolf.scale.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import wolf.scale.sql.SqlValue;

class EntryCodecTest {
  static final SessionState DEFAULT =
      new SessionState(
          "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION",
          "SYSTEM",
          "utf8mb4_general_ci",
          true,
          true,
          1,
          1);

  static LoggedStatement statement(String sql, List<SqlValue> params, SessionState s) {
    return new LoggedStatement(
        sql,
        params,
        "shop",
        new StatementContext(
            1_700_000_000_123_456L, 123_456_789, 987_654_321, 0, OptionalLong.empty()),
        s);
  }

  @Test
  void everyFieldAndValueTypeRoundTrips() {
    SessionState odd =
        new SessionState(
            "ANSI_QUOTES,NO_BACKSLASH_ESCAPES",
            "Europe/Paris",
            "latin1_bin",
            false,
            true,
            65535,
            7);
    ScaleEntry e =
        new ScaleEntry(
            EntryKind.TXN,
            List.of(
                statement(
                    "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    List.of(
                        SqlValue.Null.INSTANCE,
                        new SqlValue.Int(Long.MIN_VALUE),
                        new SqlValue.Int(-1),
                        new SqlValue.Dec(new BigDecimal("-12345678901234567890.000100")),
                        new SqlValue.Dbl(-0.1e-300),
                        new SqlValue.Str("ünïcødé 🐺 'x'"),
                        new SqlValue.Bytes(new byte[] {0, -1, 127}),
                        new SqlValue.Bool(true),
                        new SqlValue.Bool(false)),
                    DEFAULT),
                new LoggedStatement(
                    "UPDATE t SET a = LAST_INSERT_ID()",
                    List.of(),
                    "",
                    new StatementContext(1, (1 << 30) - 1, 0, -1L, OptionalLong.of(Long.MAX_VALUE)),
                    DEFAULT),
                statement("DELETE FROM t", List.of(), odd),
                statement("DELETE FROM u", List.of(), odd)));
    byte[] bytes = e.encode();
    assertEquals(e, ScaleEntry.decode(bytes));
    assertArrayEquals(bytes, ScaleEntry.decode(bytes).encode(), "stable encoding");
  }

  @Test
  void noopAndEmptyPayloads() {
    assertEquals(ScaleEntry.NOOP, ScaleEntry.decode(new byte[0]));
    assertEquals(ScaleEntry.NOOP, ScaleEntry.decode(ScaleEntry.NOOP.encode()));
    assertThrows(IllegalArgumentException.class, () -> new ScaleEntry(EntryKind.DML, List.of()));
  }

  @Test
  void aTypicalInsertIsCompact() {
    String sql = "INSERT INTO `shop`.`orders` (`id`, `customer`, `amount`) VALUES (?, ?, ?)";
    ScaleEntry e =
        new ScaleEntry(
            EntryKind.DML,
            List.of(
                statement(
                    sql,
                    List.of(
                        new SqlValue.Int(123456),
                        new SqlValue.Str("alice"),
                        new SqlValue.Dbl(9.99)),
                    DEFAULT)));
    int size = e.encode().length;
    int values = 4 + 6 + 9;
    int overhead = size - sql.length() - values;
    System.out.println(
        "typical insert: " + size + " bytes, " + overhead + " bytes of framing and context");
    assertTrue(overhead <= 40, "overhead " + overhead);
  }

  @Test
  void damagedPayloadsFailWithFormatErrors() {
    byte[] good =
        new ScaleEntry(
                EntryKind.DML,
                List.of(
                    statement("INSERT INTO t VALUES (?)", List.of(new SqlValue.Str("x")), DEFAULT)))
            .encode();
    for (int cut = 1; cut < good.length; cut++) {
      byte[] part = Arrays.copyOf(good, cut);
      assertThrows(EntryFormatException.class, () -> ScaleEntry.decode(part), "cut at " + cut);
    }
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertThrows(EntryFormatException.class, () -> ScaleEntry.decode(longer));
    byte[] version = good.clone();
    version[0] = 2;
    assertTrue(
        assertThrows(EntryFormatException.class, () -> ScaleEntry.decode(version))
            .getMessage()
            .contains("version 2"));
    Random r = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] junk = good.clone();
      junk[1 + r.nextInt(junk.length - 1)] = (byte) r.nextInt();
      try {
        ScaleEntry.decode(junk);
      } catch (EntryFormatException expected) {
        // fine: damage detected; otherwise it decoded to some other valid entry
      }
    }
  }
}
