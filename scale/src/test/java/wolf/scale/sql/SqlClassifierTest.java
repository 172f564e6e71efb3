package wolf.scale.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlClassifierTest {
  private static SqlStatement one(String sql) {
    return SqlClassifier.single(sql, SqlDialect.DEFAULT);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "SELECT * FROM t WHERE a = 'DELETE'|SELECT|false|",
        "(SELECT 1) UNION (SELECT 2)|SELECT|false|",
        "select nextval(s)|SELECT|true|",
        "SELECT NEXT VALUE FOR s|SELECT|true|",
        "VALUES (1),(2)|SELECT|false|",
        "WITH c AS (SELECT 1 AS x) SELECT * FROM c|SELECT|false|",
        "WITH RECURSIVE c (n) AS (SELECT 1 UNION SELECT n+1 FROM c WHERE n<3), d AS (SELECT 2) INSERT INTO t SELECT n FROM c|INSERT|true|t",
        "INSERT LOW_PRIORITY IGNORE INTO db1.`my t` (a) VALUES (1)|INSERT|true|db1.my t",
        "insert t set a=1|INSERT|true|t",
        "REPLACE INTO t VALUES (1)|REPLACE|true|t",
        "UPDATE IGNORE t SET a=1 WHERE b=2|UPDATE|true|t",
        "UPDATE t JOIN u ON t.a=u.a SET t.b=1|UPDATE|true|",
        "UPDATE t, u SET t.b=1|UPDATE|true|",
        "UPDATE t SET a=(SELECT x FROM u, v)|UPDATE|true|t",
        "DELETE QUICK FROM s.t WHERE id=1|DELETE|true|s.t",
        "DELETE t1 FROM t1 JOIN t2|DELETE|true|",
        "DELETE FROM t USING t JOIN u|DELETE|true|",
        "CREATE TABLE IF NOT EXISTS s.t (a INT)|DDL|true|s.t",
        "CREATE OR REPLACE TABLE t (a INT)|DDL|true|t",
        "ALTER ONLINE IGNORE TABLE t ADD COLUMN b INT|DDL|true|t",
        "DROP TABLE IF EXISTS a, b|DDL|true|",
        "DROP TABLE IF EXISTS a|DDL|true|a",
        "TRUNCATE t|DDL|true|t",
        "TRUNCATE TABLE s.t|DDL|true|s.t",
        "RENAME TABLE a TO b|DDL|true|a",
        "CREATE INDEX i ON t (a)|DDL|true|",
        "CREATE DATABASE d|DDL|true|",
        "GRANT SELECT ON *.* TO u|DDL|true|",
        "SET PASSWORD FOR u = PASSWORD('x')|DDL|true|",
        "SET NAMES utf8mb4|SET|false|",
        "SET @x = 1|SET|false|",
        "SET STATEMENT max_statement_time=1 FOR UPDATE t SET a=1|UPDATE|true|t",
        "SET STATEMENT max_statement_time=1 FOR SELECT 1|SELECT|false|",
        "USE db|USE|false|",
        "BEGIN|BEGIN|false|",
        "BEGIN WORK|BEGIN|false|",
        "START TRANSACTION READ ONLY|BEGIN|false|",
        "START SLAVE|ADMIN|false|",
        "COMMIT WORK AND NO CHAIN|COMMIT|false|",
        "ROLLBACK|ROLLBACK|false|",
        "ROLLBACK WORK TO SAVEPOINT s|SAVEPOINT|false|",
        "SAVEPOINT s|SAVEPOINT|false|",
        "RELEASE SAVEPOINT s|SAVEPOINT|false|",
        "CALL p(1)|CALL|true|",
        "LOAD DATA LOCAL INFILE 'x' INTO TABLE t|LOAD_DATA|true|",
        "LOAD INDEX INTO CACHE t|ADMIN|false|",
        "SHOW TABLES|SHOW|false|",
        "DESC t|EXPLAIN|false|",
        "EXPLAIN UPDATE t SET a=1|EXPLAIN|false|",
        "ANALYZE TABLE t|ADMIN|false|",
        "ANALYZE FORMAT=JSON DELETE FROM t WHERE a=1|DELETE|true|t",
        "ANALYZE SELECT 1|SELECT|false|",
        "FLUSH TABLES|ADMIN|false|",
        "LOCK TABLES t WRITE|ADMIN|false|",
        "CHECKSUM TABLE t|ADMIN|false|",
        "DO SLEEP(1)|OTHER|true|",
        "XA START 'x'|OTHER|true|",
        "EXECUTE stmt|OTHER|true|",
        "BEGIN NOT ATOMIC SELECT 1; END|OTHER|true|",
        "/*!40101 SET NAMES utf8 */|SET|false|",
        "frobnicate|OTHER|true|"
      })
  void classifies(String sql, SqlKind kind, boolean writes, String table) {
    SqlStatement s = one(sql);
    assertEquals(kind, s.kind(), sql);
    assertEquals(writes, s.writes(), sql);
    assertEquals(table == null ? "" : table, s.table().map(TableName::toString).orElse(""), sql);
  }

  @Test
  void flags() {
    assertTrue(one("CREATE TEMPORARY TABLE t (a INT)").temporary());
    assertTrue(one("DROP TEMPORARY TABLE IF EXISTS t").temporary());
    assertFalse(one("CREATE TABLE t (a INT)").temporary());
    assertTrue(one("SELECT * FROM t FOR UPDATE").lockingRead());
    assertTrue(one("SELECT * FROM t LOCK IN SHARE MODE").lockingRead());
    assertTrue(one("WITH c AS (SELECT 1) SELECT * FROM c").cte());
    assertEquals(
        "TRIGGER",
        one("CREATE DEFINER=CURRENT_USER() TRIGGER x AFTER INSERT ON t FOR EACH ROW SET @a=1")
            .ddlObject());
    assertEquals("DATABASE", one("CREATE SCHEMA IF NOT EXISTS d").ddlObject());
    assertEquals("INDEX", one("CREATE UNIQUE INDEX i ON t (a)").ddlObject());
    assertEquals("DELETE", one("ANALYZE DELETE FROM t").verb());
    assertEquals(SqlKind.DELETE, one("/* c */ -- d\n DELETE FROM t WHERE a=1").kind());
  }

  @Test
  void singleRefusesSeveralOrNone() {
    assertThrows(SqlSyntaxException.class, () -> one("INSERT INTO t VALUES (1); DROP TABLE t"));
    assertThrows(SqlSyntaxException.class, () -> one("-- only a comment"));
    assertEquals(SqlKind.INSERT, one("INSERT INTO t VALUES (1);").kind(), "a trailing ; is fine");
  }
}
