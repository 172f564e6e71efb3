package wolf.scale.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import wolf.scale.write.NonDeterministicWriteException;

class DeterminismTest {
  /** Fixed values so rewritten text can be compared. */
  static final class FixedUuids implements UuidSource {
    int n;

    @Override
    public String uuid() {
      n++;
      return "00000000-0000-1000-8000-00000000000" + n;
    }

    @Override
    public long uuidShort() {
      return 1000 + (++n);
    }
  }

  private static Determinism.Result check(String sql) {
    return Determinism.check(SqlClassifier.single(sql, SqlDialect.DEFAULT), new FixedUuids());
  }

  private static String refused(String sql) {
    return assertThrows(NonDeterministicWriteException.class, () -> check(sql), sql).getMessage();
  }

  @Test
  void sysdateBecomesNowWithItsArgument() {
    assertEquals(
        "INSERT INTO t VALUES (NOW(), NOW(6), 'SYSDATE()') /* SYSDATE() */",
        check("INSERT INTO t VALUES (SYSDATE(), sysdate(6), 'SYSDATE()') /* SYSDATE() */").sql());
    assertEquals(
        "UPDATE t SET a = sysdate WHERE b = 1",
        check("UPDATE t SET a = sysdate WHERE b = 1").sql(),
        "a column named sysdate stays");
  }

  @Test
  void uuidsInValuesBecomeLiterals() {
    assertEquals(
        "INSERT INTO t VALUES ('00000000-0000-1000-8000-000000000001', 1002, 'UUID()')",
        check("INSERT INTO t VALUES (UUID(), UUID_SHORT(), 'UUID()')").sql());
    assertEquals(
        "INSERT INTO t SET a = '00000000-0000-1000-8000-000000000001'",
        check("INSERT INTO t SET a = uuid( )").sql());
    assertEquals(
        "REPLACE INTO t VALUES ('00000000-0000-1000-8000-000000000001'),"
            + " ('00000000-0000-1000-8000-000000000002')",
        check("REPLACE INTO t VALUES (UUID()), (UUID())").sql(),
        "each occurrence in a multi-row VALUES is evaluated once");
    assertEquals(
        "INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE u = '00000000-0000-1000-8000-000000000001'",
        check("INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE u = UUID()").sql());
    assertEquals(
        "INSERT INTO t VALUES ('00000000000010008000000000000001')",
        check("INSERT INTO t VALUES (SYS_GUID())").sql());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "UPDATE t SET u = UUID() WHERE id = 1|UUID() gives a new value",
        "INSERT INTO t SELECT UUID() FROM u ORDER BY id|UUID()",
        "INSERT INTO t VALUES ((SELECT MAX(a) FROM u WHERE b < UUID()))|UUID()",
        "INSERT INTO t VALUES (1), (2) ON DUPLICATE KEY UPDATE u = UUID()|UUID()",
        "DELETE FROM t WHERE u = UUID_SHORT()|UUID_SHORT()",
        "CREATE TABLE t2 AS SELECT UUID() AS u|UUID()",
        "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.u = UUID()|UUID()",
        "UPDATE t SET a = /*!50000 UUID() */ WHERE id=1|UUID()",
        "INSERT INTO t VALUES (CONNECTION_ID())|CONNECTION_ID()",
        "INSERT INTO t VALUES (user())|USER()",
        "INSERT INTO t VALUES (CURRENT_USER)|CURRENT_USER",
        "INSERT INTO t VALUES (version ())|VERSION()",
        "UPDATE t SET n = FOUND_ROWS()|FOUND_ROWS()",
        "UPDATE t SET n = ROW_COUNT()|ROW_COUNT()",
        "INSERT INTO t VALUES (GET_LOCK('x', 1))|GET_LOCK()",
        "DELETE FROM t WHERE SLEEP(1) = 0|SLEEP()",
        "INSERT INTO t VALUES (LOAD_FILE('/etc/passwd'))|LOAD_FILE()",
        "INSERT INTO t VALUES (RANDOM_BYTES(8))|RANDOM_BYTES()",
        "INSERT INTO t VALUES (NEXTVAL(s))|NEXTVAL()",
        "INSERT INTO t VALUES (NEXT VALUE FOR s)|NEXT VALUE FOR",
        "INSERT INTO t VALUES (@@hostname)|@@hostname",
        "INSERT INTO t VALUES (@@global.server_id)|@@server_id",
        "UPDATE t SET a = 1 LIMIT 10|LIMIT without ORDER BY",
        "DELETE FROM t WHERE a > 1 LIMIT 1|LIMIT without ORDER BY",
        "UPDATE t SET a = (SELECT b FROM u LIMIT 1) ORDER BY id|LIMIT without ORDER BY",
        "INSERT INTO t SELECT * FROM u LIMIT 5|LIMIT without ORDER BY",
        "UPDATE t SET a = (SELECT ROW_NUMBER() OVER (ORDER BY x) FROM u LIMIT 1)|LIMIT without ORDER BY",
        "INSERT INTO t SELECT * FROM u ORDER BY a UNION SELECT * FROM v LIMIT 3|LIMIT without ORDER BY",
        "INSERT IGNORE INTO t SELECT * FROM u|INSERT IGNORE … SELECT",
        "REPLACE INTO t SELECT * FROM u|REPLACE … SELECT",
        "INSERT INTO t SELECT * FROM u ON DUPLICATE KEY UPDATE a = 1|ON DUPLICATE KEY UPDATE … SELECT",
        "UPDATE IGNORE t SET a = a + 1|UPDATE IGNORE",
        "DELETE FROM t WHERE id IN (SELECT id FROM u FOR UPDATE SKIP LOCKED)|SKIP LOCKED"
      })
  void refusesWhatCannotReplay(String sql, String mention) {
    String m = refused(sql);
    assertTrue(m.contains(mention), m);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "INSERT INTO t VALUES (NOW(), CURRENT_TIMESTAMP, UNIX_TIMESTAMP(), RAND(), RAND(7))",
        "INSERT INTO t (version, user, `sleep`) VALUES (1, 2, 3)",
        "CREATE TABLE t (user VARCHAR(10), version INT, created DATETIME DEFAULT CURRENT_TIMESTAMP)",
        "UPDATE t SET a = 1 ORDER BY id LIMIT 10",
        "DELETE FROM t ORDER BY id DESC LIMIT 1",
        "INSERT INTO t SELECT * FROM u ORDER BY id LIMIT 5",
        "INSERT IGNORE INTO t SELECT * FROM u ORDER BY id",
        "REPLACE INTO t (SELECT * FROM u ORDER BY id)",
        "UPDATE IGNORE t SET a = a + 1 ORDER BY id",
        "INSERT INTO t SELECT a, COUNT(*) FROM u GROUP BY a",
        "UPDATE t SET a = (SELECT b FROM u ORDER BY b LIMIT 1)",
        "INSERT INTO t VALUES ('LIMIT 1', 'UUID()', 'SLEEP(1)')",
        "INSERT INTO t VALUES (@@timestamp, @@session.sql_mode)",
        "CREATE DEFINER = CURRENT_USER TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.d = NOW()",
        "CREATE TABLE t2 AS SELECT * FROM t ORDER BY id"
      })
  void acceptsWhatReplays(String sql) {
    assertEquals(SqlClassifier.single(sql, SqlDialect.DEFAULT).text(), check(sql).sql());
  }

  @Test
  void reportsLastInsertIdReadsAndUserVariables() {
    assertTrue(check("INSERT INTO c (parent) VALUES (LAST_INSERT_ID())").readsLastInsertId());
    assertTrue(check("INSERT INTO c VALUES (@@identity)").readsLastInsertId());
    assertFalse(check("INSERT INTO c VALUES (1)").readsLastInsertId());
    assertEquals(
        Set.of("x", "my var"),
        check("UPDATE t SET a = (@x := @x + 1), b = @'My Var'").userVariables());
  }
}
