package wolf.scale.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies MariaDB statements by their leading keywords (see {@link SqlKind}): no grammar, but
 * aware of everything the lexer is (strings, comments, executable comments) and of the wrappers
 * that hide the real verb: {@code WITH … AS (…)}, {@code SET STATEMENT … FOR}, {@code ANALYZE
 * [FORMAT=…]}, leading parentheses. Stateless and thread-safe.
 */
public final class SqlClassifier {
  private static final Set<String> ADMIN =
      words(
          "FLUSH KILL RESET PURGE CHANGE STOP INSTALL UNINSTALL LOCK UNLOCK CHECK CHECKSUM "
              + "OPTIMIZE REPAIR CACHE SHUTDOWN HELP BINLOG SIGNAL RESIGNAL GET BACKUP");
  private static final Set<String> DDL_VERBS =
      Set.of("CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "GRANT", "REVOKE");
  private static final Set<String> OBJECTS =
      words(
          "TABLE VIEW INDEX DATABASE SCHEMA TRIGGER PROCEDURE FUNCTION EVENT USER ROLE "
              + "SEQUENCE SERVER PACKAGE TABLESPACE LOGFILE");
  private static final Set<String> VERBS_AFTER_WITH =
      Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "VALUES", "TABLE");
  private static final Set<String> JOINS =
      Set.of("JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "NATURAL", "STRAIGHT_JOIN", "USING");

  private SqlClassifier() {}

  /** Splits {@code sql} into statements (see {@link StatementSplitter}) and classifies each. */
  public static List<SqlStatement> parse(String sql, SqlDialect dialect) {
    List<Token> tokens = SqlLexer.tokenize(sql, dialect);
    List<SqlStatement> out = new ArrayList<>();
    for (StatementSplitter.Piece p : StatementSplitter.split(sql, tokens)) {
      out.add(classify(sql, p.tokens(), p.start(), p.end()));
    }
    return out;
  }

  /**
   * Classifies {@code sql} as exactly one statement.
   *
   * @throws SqlSyntaxException if it holds more than one statement (or none)
   */
  public static SqlStatement single(String sql, SqlDialect dialect) {
    List<SqlStatement> all = parse(sql, dialect);
    if (all.size() != 1) {
      throw new SqlSyntaxException(
          all.isEmpty()
              ? "no statement: the text is empty or only comments"
              : "exactly one statement expected, found " + all.size(),
          all.isEmpty() ? 0 : all.get(1).start());
    }
    return all.get(0);
  }

  static SqlStatement classify(String source, List<Token> tokens, int start, int end) {
    Builder b = new Builder(tokens);
    b.at(0);
    return new SqlStatement(
        source,
        start,
        end,
        tokens,
        b.kind,
        b.writes || b.kind.writes(),
        b.table,
        b.ddlObject,
        b.temporary,
        b.cte,
        b.locking,
        b.body);
  }

  /** Mutable state of one classification. */
  private static final class Builder {
    final List<Token> t;
    SqlKind kind = SqlKind.OTHER;
    boolean writes;
    Optional<TableName> table = Optional.empty();
    String ddlObject = "";
    boolean temporary;
    boolean cte;
    boolean locking;
    int body;

    Builder(List<Token> t) {
      this.t = t;
    }

    boolean word(int i, String w) {
      return i < t.size() && t.get(i).is(w);
    }

    void at(int i) {
      while (i < t.size() && t.get(i).isPunct("(")) {
        i++;
      }
      body = i;
      if (t.isEmpty()) {
        kind = SqlKind.EMPTY;
        return;
      }
      if (i >= t.size()) {
        return;
      }
      String w = t.get(i).upper();
      if (t.get(i).type() != Token.Type.WORD) {
        return;
      }
      switch (w) {
        case "SELECT", "VALUES", "TABLE" -> select(i);
        case "WITH" -> with(i);
        case "INSERT" -> insertLike(i, SqlKind.INSERT);
        case "REPLACE" -> insertLike(i, SqlKind.REPLACE);
        case "UPDATE" -> update(i);
        case "DELETE" -> delete(i);
        case "SET" -> set(i);
        case "USE" -> kind = SqlKind.USE;
        case "BEGIN" -> kind = word(i + 1, "NOT") ? SqlKind.OTHER : SqlKind.BEGIN;
        case "START" -> kind = word(i + 1, "TRANSACTION") ? SqlKind.BEGIN : SqlKind.ADMIN;
        case "COMMIT" -> kind = SqlKind.COMMIT;
        case "ROLLBACK" -> kind = rollbackTo(i) ? SqlKind.SAVEPOINT : SqlKind.ROLLBACK;
        case "SAVEPOINT", "RELEASE" -> kind = SqlKind.SAVEPOINT;
        case "CALL" -> kind = SqlKind.CALL;
        case "LOAD" ->
            kind = word(i + 1, "DATA") || word(i + 1, "XML") ? SqlKind.LOAD_DATA : SqlKind.ADMIN;
        case "SHOW" -> kind = SqlKind.SHOW;
        case "EXPLAIN", "DESCRIBE", "DESC" -> kind = SqlKind.EXPLAIN;
        case "ANALYZE" -> analyze(i);
        default -> {
          if (DDL_VERBS.contains(w)) {
            ddl(i, w);
          } else if (ADMIN.contains(w)) {
            kind = SqlKind.ADMIN;
          }
        }
      }
    }

    void select(int i) {
      kind = SqlKind.SELECT;
      for (int j = i; j < t.size(); j++) {
        Token x = t.get(j);
        if ((x.is("NEXTVAL") || x.is("SETVAL")) && j + 1 < t.size() && t.get(j + 1).isPunct("(")) {
          writes = true;
        } else if (x.is("NEXT") && word(j + 1, "VALUE") && word(j + 2, "FOR")) {
          writes = true;
        } else if ((x.is("FOR") && word(j + 1, "UPDATE"))
            || (x.is("LOCK") && word(j + 1, "IN") && word(j + 2, "SHARE"))) {
          locking = true;
        }
      }
    }

    void with(int i) {
      cte = true;
      int depth = 0;
      for (int j = i + 1; j < t.size(); j++) {
        Token x = t.get(j);
        if (x.isPunct("(")) {
          depth++;
        } else if (x.isPunct(")")) {
          depth--;
        } else if (depth == 0
            && x.type() == Token.Type.WORD
            && VERBS_AFTER_WITH.contains(x.upper())) {
          at(j);
          return;
        }
      }
    }

    void insertLike(int i, SqlKind k) {
      kind = k;
      int j = i + 1;
      while (word(j, "LOW_PRIORITY")
          || word(j, "DELAYED")
          || word(j, "HIGH_PRIORITY")
          || word(j, "IGNORE")
          || word(j, "INTO")) {
        j++;
      }
      table = tableAt(j);
    }

    void update(int i) {
      kind = SqlKind.UPDATE;
      int j = i + 1;
      while (word(j, "LOW_PRIORITY") || word(j, "IGNORE")) {
        j++;
      }
      table = single(tableAt(j), j, "SET");
    }

    void delete(int i) {
      kind = SqlKind.DELETE;
      int j = i + 1;
      while (word(j, "LOW_PRIORITY") || word(j, "QUICK") || word(j, "IGNORE")) {
        j++;
      }
      if (word(j, "FROM")) {
        table = single(tableAt(j + 1), j + 1, "WHERE");
      }
    }

    /** {@code found} unless a comma or a join appears at depth 0 before {@code stop}. */
    Optional<TableName> single(Optional<TableName> found, int from, String stop) {
      int depth = 0;
      for (int j = from; j < t.size(); j++) {
        Token x = t.get(j);
        if (x.isPunct("(")) {
          depth++;
        } else if (x.isPunct(")")) {
          depth--;
        } else if (depth == 0 && (x.is(stop) || x.is("ORDER") || x.is("LIMIT"))) {
          break;
        } else if (depth == 0
            && (x.isPunct(",") || (x.type() == Token.Type.WORD && JOINS.contains(x.upper())))) {
          return Optional.empty();
        }
      }
      return found;
    }

    void set(int i) {
      if (word(i + 1, "PASSWORD")) {
        kind = SqlKind.DDL;
        ddlObject = "USER";
      } else if (word(i + 1, "DEFAULT") && word(i + 2, "ROLE")) {
        kind = SqlKind.DDL;
        ddlObject = "ROLE";
      } else if (word(i + 1, "STATEMENT")) {
        int depth = 0;
        for (int j = i + 2; j < t.size(); j++) {
          if (t.get(j).isPunct("(")) {
            depth++;
          } else if (t.get(j).isPunct(")")) {
            depth--;
          } else if (depth == 0 && t.get(j).is("FOR")) {
            at(j + 1);
            return;
          }
        }
        kind = SqlKind.SET;
      } else {
        kind = SqlKind.SET;
      }
    }

    boolean rollbackTo(int i) {
      for (int j = i + 1; j < t.size(); j++) {
        if (t.get(j).is("TO")) {
          return true;
        }
      }
      return false;
    }

    void analyze(int i) {
      int j = i + 1;
      if (word(j, "TABLE") || word(j, "NO_WRITE_TO_BINLOG") || word(j, "LOCAL")) {
        kind = SqlKind.ADMIN;
        return;
      }
      if (word(j, "FORMAT")) {
        j += 3; // FORMAT = JSON
      }
      at(j); // ANALYZE <statement> runs the statement
    }

    void ddl(int i, String verb) {
      kind = SqlKind.DDL;
      if (verb.equals("GRANT") || verb.equals("REVOKE")) {
        ddlObject = verb;
        return;
      }
      int j = i + 1;
      if (verb.equals("TRUNCATE")) {
        ddlObject = "TABLE";
        table = tableAt(word(j, "TABLE") ? j + 1 : j);
        return;
      }
      for (; j < Math.min(t.size(), i + 16); j++) {
        Token x = t.get(j);
        if (x.is("TEMPORARY")) {
          temporary = true;
        } else if (x.type() == Token.Type.WORD && OBJECTS.contains(x.upper())) {
          ddlObject = x.upper().equals("SCHEMA") ? "DATABASE" : x.upper();
          break;
        }
      }
      if (!ddlObject.equals("TABLE")) {
        return;
      }
      j++;
      if (word(j, "IF")) {
        j += word(j + 1, "NOT") ? 3 : 2;
      }
      table = tableAt(j);
      if (!verb.equals("RENAME") && table.isPresent()) {
        int after = j + (table.get().schema().isPresent() ? 3 : 1);
        if (after < t.size() && t.get(after).isPunct(",") && !verb.equals("ALTER")) {
          table = Optional.empty(); // DROP TABLE a, b
        }
      }
    }

    Optional<TableName> tableAt(int j) {
      if (j >= t.size() || !t.get(j).isIdentifier()) {
        return Optional.empty();
      }
      if (j + 2 < t.size() && t.get(j + 1).isPunct(".") && t.get(j + 2).isIdentifier()) {
        return Optional.of(
            new TableName(Optional.of(t.get(j).identifier()), t.get(j + 2).identifier()));
      }
      return Optional.of(new TableName(Optional.empty(), t.get(j).identifier()));
    }
  }

  static Set<String> words(String spaceSeparated) {
    return Set.of(spaceSeparated.split(" "));
  }
}
