package wolf.scale.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlLexerTest {
  private static String tokens(String sql) {
    return SqlLexer.tokenize(sql, SqlDialect.DEFAULT).stream()
        .map(t -> t.type().name().charAt(0) + ":" + t.text())
        .collect(Collectors.joining(" "));
  }

  private static List<String> statements(String sql, SqlDialect d) {
    return SqlClassifier.parse(sql, d).stream().map(SqlStatement::text).toList();
  }

  private static List<String> statements(String sql) {
    return statements(sql, SqlDialect.DEFAULT);
  }

  @Test
  void stringsKeepKeywordsSemicolonsAndCommentMarkers() {
    assertEquals(
        List.of("INSERT INTO t VALUES ('a;b -- c', \"d;#e\", '/* x */')"),
        statements("INSERT INTO t VALUES ('a;b -- c', \"d;#e\", '/* x */');"));
    assertEquals(
        "W:SELECT S:'it''s' P:, S:'a\\'b' P:, S:\"q\"\"q\"",
        tokens("SELECT 'it''s', 'a\\'b', \"q\"\"q\""));
  }

  @Test
  void backslashEscapesFollowTheSqlMode() {
    String sneaky = "INSERT INTO t VALUES ('a\\'); DROP TABLE t; -- ')";
    assertEquals(1, statements(sneaky).size(), "with backslash escapes it is one string");
    List<String> noEsc =
        statements(sneaky, SqlDialect.of("STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES"));
    assertEquals(List.of("INSERT INTO t VALUES ('a\\')", "DROP TABLE t"), noEsc.subList(0, 2));
  }

  @Test
  void ansiQuotesMakeDoubleQuotesIdentifiers() {
    List<Token> t = SqlLexer.tokenize("SELECT \"a\\\" FROM x", SqlDialect.of("ANSI"));
    assertEquals(Token.Type.QUOTED_IDENT, t.get(1).type());
    assertEquals("a\\", t.get(1).identifier());
  }

  @Test
  void quotedIdentifiersWithBackticksAndSemicolons() {
    List<Token> t = SqlLexer.tokenize("UPDATE `we;ir``d` SET `a b`=1", SqlDialect.DEFAULT);
    assertEquals("we;ir`d", t.get(1).identifier());
    assertEquals("a b", t.get(3).identifier());
    assertEquals(1, statements("UPDATE `we;ir``d` SET `a b`=1").size());
  }

  @Test
  void commentsAreSkipped() {
    assertEquals("W:SELECT N:1 W:FROM W:t", tokens("SELECT 1 -- ; DROP\n FROM # ;x\n/* ; */ t"));
    assertEquals("W:SELECT N:1 P:- P:- N:1", tokens("SELECT 1--1"), "--1 is minus minus one");
    assertEquals("W:SELECT N:1", tokens("SELECT 1 --"), "-- at the very end is a comment");
    assertEquals(
        List.of("SELECT 1", "-- c ;\nSELECT 2"), statements("SELECT 1; -- c ;\nSELECT 2; /* ; */"));
  }

  @Test
  void executableCommentsAreCode() {
    assertEquals("W:SET W:NAMES W:utf8", tokens("/*!40101 SET NAMES utf8 */"));
    assertEquals("W:DROP W:TABLE W:t", tokens("/*M!100101 DROP TABLE t*/"));
    assertEquals("W:SELECT W:UUID P:( P:)", tokens("SELECT /*! UUID() */"));
    List<SqlStatement> s =
        SqlClassifier.parse("INSERT INTO t VALUES (1) /*!; DELETE FROM t */", SqlDialect.DEFAULT);
    assertEquals(2, s.size(), "a ; inside an executable comment separates statements");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT 'abc|unterminated string",
        "SELECT `abc|unterminated quoted identifier",
        "SELECT 1 /* x|unterminated comment",
        "SELECT /*! 1 |unterminated executable comment",
        "SELECT \"a\\\"|unterminated string"
      })
  void unterminatedConstructsAreSyntaxErrors(String sql, String what) {
    SqlSyntaxException e =
        assertThrows(SqlSyntaxException.class, () -> SqlLexer.tokenize(sql, SqlDialect.DEFAULT));
    assertTrue(e.getMessage().contains(what), e.getMessage());
  }

  @Test
  void variablesNumbersAndOperators() {
    assertEquals(
        "V:@x P:= V:@'my var' P:, V:@@session.sql_mode P:, V:@@hostname P:, V:@`y`",
        tokens("@x = @'my var', @@session.sql_mode, @@hostname, @`y`"));
    assertEquals(
        "N:1.5e-3 P:, N:.5 P:, N:0x1F P:, W:1abc P:, W:t P:. W:1col P:, N:0b101",
        tokens("1.5e-3, .5, 0x1F, 1abc, t.1col, 0b101"));
    assertEquals(
        "W:a P:<=> W:b W:c P::= N:1 W:j P:->> S:'$.x' P:?", tokens("a <=> b c := 1 j->>'$.x' ?"));
    Token v = SqlLexer.tokenize("@@GLOBAL.Server_Id", SqlDialect.DEFAULT).get(0);
    assertTrue(v.isSystemVariable());
    assertEquals("server_id", v.systemVariableName());
  }

  @Test
  void storedProgramBodiesAreOneStatement() {
    String proc =
        "CREATE DEFINER=`root`@`localhost` PROCEDURE p() BEGIN INSERT INTO t VALUES (1);"
            + " UPDATE t SET a = CASE WHEN a THEN 1 ELSE 2 END; IF 1 THEN SELECT 1; END IF;"
            + " CASE WHEN 1 THEN SELECT 2; END CASE; l: LOOP LEAVE l; END LOOP; END";
    assertEquals(List.of(proc, "SELECT 2"), statements(proc + "; SELECT 2"));
    String block = "BEGIN NOT ATOMIC INSERT INTO t VALUES (1); INSERT INTO t VALUES (2); END";
    assertEquals(List.of(block), statements(block + ";"));
    assertEquals(
        List.of("BEGIN", "INSERT INTO t VALUES(1)", "COMMIT"),
        statements("BEGIN; INSERT INTO t VALUES(1); COMMIT;"));
    assertEquals(
        List.of("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1", "SELECT 1"),
        statements("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1; SELECT 1"));
  }

  @Test
  void emptyStatementsAreDropped() {
    assertEquals(List.of("SELECT 1"), statements(";; SELECT 1 ;;  -- end"));
    assertEquals(List.of(), statements("  /* nothing */ "));
  }
}
