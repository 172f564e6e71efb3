package wolf.scale.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wolf.scale.write.InvalidWriteException;
import wolf.scale.write.NonDeterministicWriteException;
import wolf.scale.write.WriteRequest;

class WritePlannerTest {
  private final WritePlanner planner = new WritePlanner("app", new DeterminismTest.FixedUuids());

  private PlannedWrite plan(WriteRequest r) {
    return planner.plan(r, SqlDialect.DEFAULT);
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private String refused(WriteRequest r) {
    return assertThrows(InvalidWriteException.class, () -> plan(r), r.toString()).getMessage();
  }

  @Test
  void structuredWritesAreQuotedIdentifiersAndBoundValues() {
    PlannedWrite p =
        plan(
            new WriteRequest.Insert(
                Optional.empty(), "users", map("name", "o'neil", "age", 42, "x", null)));
    assertEquals("INSERT INTO `app`.`users` (`name`, `age`, `x`) VALUES (?, ?, ?)", p.sql());
    assertEquals(
        List.of(new SqlValue.Str("o'neil"), new SqlValue.Int(42), SqlValue.Null.INSTANCE),
        p.params());
    assertEquals("app", p.schema());
    assertFalse(p.ddl());

    p =
        plan(
            new WriteRequest.Upsert(
                Optional.of("db2"), "t", map("id", 1L, "v", new BigDecimal("1.50"))));
    assertEquals(
        "INSERT INTO `db2`.`t` (`id`, `v`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `id` = VALUES(`id`),"
            + " `v` = VALUES(`v`)",
        p.sql());
    assertEquals(new SqlValue.Dec(new BigDecimal("1.50")), p.params().get(1));

    p =
        plan(
            new WriteRequest.Update(
                Optional.empty(), "s.t", map("a", 1.5, "b", true), map("k", "x", "n", null)));
    assertEquals("UPDATE `s`.`t` SET `a` = ?, `b` = ? WHERE `k` = ? AND `n` IS NULL", p.sql());
    assertEquals(
        List.of(new SqlValue.Dbl(1.5), new SqlValue.Bool(true), new SqlValue.Str("x")), p.params());

    p = plan(new WriteRequest.Delete(Optional.empty(), "t", map("id", 7)));
    assertEquals("DELETE FROM `app`.`t` WHERE `id` = ?", p.sql());

    p = plan(new WriteRequest.Insert(Optional.empty(), "t", map()));
    assertEquals("INSERT INTO `app`.`t` () VALUES ()", p.sql(), "all defaults");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "t; DROP TABLE x",
        "t`",
        "`t`",
        "t -- x",
        "t/*",
        "a.b.c",
        ".t",
        "t.",
        "123",
        "tëst",
        "t\u0000",
        "t x",
        "'t'",
        "\"t\"",
        "0123456789012345678901234567890123456789012345678901234567890123x",
        ""
      })
  void injectionThroughAnyIdentifierFieldIsRefused(String bad) {
    assertTrue(
        refused(new WriteRequest.Insert(Optional.empty(), bad, map("a", 1))).contains("name"));
    refused(new WriteRequest.Insert(Optional.empty(), "t", map(bad, 1)));
    refused(new WriteRequest.Update(Optional.empty(), "t", map(bad, 1), map("id", 1)));
    refused(new WriteRequest.Update(Optional.empty(), "t", map("a", 1), map(bad, 1)));
    refused(new WriteRequest.Delete(Optional.empty(), "t", map(bad, 1)));
    refused(new WriteRequest.Upsert(Optional.empty(), "t", map(bad, 1)));
    if (!bad.isEmpty()) {
      refused(new WriteRequest.Insert(Optional.of(bad), "t", map("a", 1)));
      refused(new WriteRequest.Sql(Optional.of(bad), "DELETE FROM t WHERE a = 1"));
    }
  }

  @Test
  void valuesNeverBecomeText() {
    String evil = "x'); DROP TABLE users; -- ";
    PlannedWrite p =
        plan(new WriteRequest.Update(Optional.empty(), "t", map("a", evil), map("id", evil)));
    assertFalse(p.sql().contains("DROP"), p.sql());
    assertEquals(List.of(new SqlValue.Str(evil), new SqlValue.Str(evil)), p.params());
  }

  @Test
  void structuredShapesAreChecked() {
    assertTrue(
        refused(new WriteRequest.Update(Optional.empty(), "t", map("a", 1), map()))
            .contains("where_key"));
    assertTrue(
        refused(new WriteRequest.Delete(Optional.empty(), "t", map())).contains("where_key"));
    refused(new WriteRequest.Update(Optional.empty(), "t", map(), map("id", 1)));
    refused(new WriteRequest.Upsert(Optional.empty(), "t", map()));
    assertTrue(
        refused(new WriteRequest.Insert(Optional.empty(), "t", map("a", Map.of("b", 1))))
            .contains("object"));
    assertTrue(
        refused(new WriteRequest.Insert(Optional.empty(), "t", map("a", List.of(1))))
            .contains("array"));
    refused(new WriteRequest.Insert(Optional.empty(), "t", map("a", Double.NaN)));
    assertTrue(
        refused(new WriteRequest.Insert(Optional.empty(), "wolfscale.applied", map("lsn", 1)))
            .contains("wolfscale"));
    refused(new WriteRequest.Delete(Optional.of("WolfScale"), "applied", map("id", 1)));
    refused(new WriteRequest.Insert(Optional.of("a"), "b.t", map("x", 1)));
    assertTrue(
        assertThrows(
                InvalidWriteException.class,
                () ->
                    new WritePlanner("", new DeterminismTest.FixedUuids())
                        .plan(
                            new WriteRequest.Insert(Optional.empty(), "t", map("a", 1)),
                            SqlDialect.DEFAULT))
            .getMessage()
            .contains("no database"));
  }

  @Test
  void ddlMustBeOneDdlStatement() {
    PlannedWrite p =
        plan(
            new WriteRequest.Ddl(
                Optional.empty(), "CREATE TABLE t (d DATETIME DEFAULT SYSDATE())"));
    assertTrue(p.ddl());
    assertEquals("CREATE TABLE t (d DATETIME DEFAULT NOW())", p.sql());
    assertEquals("TABLE", p.ddlObject());
    assertTrue(
        refused(new WriteRequest.Ddl(Optional.empty(), "INSERT INTO t VALUES (1)"))
            .contains("DDL"));
    refused(new WriteRequest.Ddl(Optional.empty(), "CREATE TABLE a (x INT); DROP TABLE b"));
    refused(new WriteRequest.Ddl(Optional.empty(), "CREATE TABLE a (x INT) /* ; */; COMMIT"));
    refused(new WriteRequest.Ddl(Optional.empty(), "CREATE TEMPORARY TABLE a (x INT)"));
    refused(new WriteRequest.Ddl(Optional.empty(), "DROP TABLE wolfscale.applied"));
    refused(new WriteRequest.Ddl(Optional.of("wolfscale"), "DROP TABLE applied"));
    refused(new WriteRequest.Ddl(Optional.empty(), "   "));
    refused(new WriteRequest.Ddl(Optional.empty(), "CREATE TABLE 'unterminated"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM t",
        "SELECT NEXTVAL(s)",
        "BEGIN",
        "COMMIT",
        "ROLLBACK",
        "SAVEPOINT a",
        "SET autocommit = 0",
        "SET @x = 1",
        "USE other",
        "CALL p()",
        "LOAD DATA INFILE '/etc/passwd' INTO TABLE t",
        "DO SLEEP(1)",
        "SHOW TABLES",
        "INSERT INTO t VALUES (1); COMMIT",
        "INSERT INTO t VALUES (1); DROP TABLE t",
        "INSERT INTO t VALUES (1) /*! ; DROP TABLE t */",
        "INSERT INTO t VALUES (@x)",
        "INSERT INTO t VALUES (UUID()), (1) ON DUPLICATE KEY UPDATE a = UUID()",
        "UPDATE t SET a = 1 LIMIT 1",
        "XA START 'x'",
        "BEGIN NOT ATOMIC INSERT INTO t VALUES (1); END",
        ""
      })
  void sqlMustBeOneCheckedWrite(String sql) {
    refused(new WriteRequest.Sql(Optional.empty(), sql));
  }

  @Test
  void sqlAcceptsDmlAndDdl() {
    PlannedWrite p =
        plan(
            new WriteRequest.Sql(
                Optional.of("shop"), "INSERT INTO orders (id, u) VALUES (1, UUID());"));
    assertEquals(
        "INSERT INTO orders (id, u) VALUES (1, '00000000-0000-1000-8000-000000000001')", p.sql());
    assertEquals("shop", p.schema());
    assertFalse(p.ddl());
    assertTrue(p.params().isEmpty());
    assertTrue(
        plan(new WriteRequest.Sql(Optional.empty(), "ALTER TABLE t ADD COLUMN c INT")).ddl());
    assertTrue(
        plan(new WriteRequest.Sql(Optional.empty(), "INSERT INTO t VALUES (LAST_INSERT_ID())"))
            .readsLastInsertId());
    assertThrows(
        NonDeterministicWriteException.class,
        () -> plan(new WriteRequest.Sql(Optional.empty(), "UPDATE t SET a = UUID()")));
  }
}
