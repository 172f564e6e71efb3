package wolf.scale.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import wolf.scale.write.NonDeterministicWriteException;

/**
 * Makes a write statement replay identically on every node, or refuses it. Followers replay the
 * statement text with the leader's timestamp, RAND seeds, insert id, last insert id and session
 * variables pinned (see {@code wolf.scale.log.StatementContext}), so NOW(), CURRENT_TIMESTAMP,
 * UNIX_TIMESTAMP(), RAND(), AUTO_INCREMENT and LAST_INSERT_ID() are deterministic as written. The
 * rest:
 *
 * <ul>
 *   <li>{@code SYSDATE(…)} is rewritten to {@code NOW(…)} (same argument): the pinned timestamp
 *       makes it deterministic.
 *   <li>{@code UUID()}, {@code UUID_SHORT()}, {@code SYS_GUID()} in an INSERT/REPLACE … VALUES (or
 *       … SET) are replaced, occurrence by occurrence, with literals generated on the leader —
 *       except inside a subquery, or in the ON DUPLICATE KEY UPDATE clause of a multi-row insert,
 *       where one occurrence is evaluated per row. Anywhere else they are refused.
 *   <li>Refused: functions whose value depends on the node or session — {@link #REFUSED} — and
 *       sequences (NEXTVAL, SETVAL, LASTVAL, NEXT/PREVIOUS VALUE FOR: a sequence's cache is lost
 *       differently on each node's restart); system variables other than the pinned ones ({@link
 *       #PINNED_VARIABLES}); {@code CURRENT_USER}/{@code CURRENT_ROLE} (except in {@code
 *       DEFINER=}).
 *   <li>Refused: {@code LIMIT} at any level without an {@code ORDER BY} at the same level (which
 *       rows it takes depends on the plan); INSERT IGNORE/REPLACE/ON DUPLICATE KEY UPDATE … SELECT
 *       and UPDATE IGNORE without ORDER BY (which rows are skipped depends on row order); {@code
 *       SKIP LOCKED}.
 * </ul>
 *
 * An {@code ORDER BY} makes the order deterministic only if it is total (ends in a unique key);
 * that is not checked. User variables ({@code @x}) are reported, not refused: they are session
 * state, and the caller decides ({@code /write/sql} refuses them). Stateless and thread-safe.
 */
public final class Determinism {

  /** Functions refused in writes: their value differs between nodes or sessions. */
  public static final Set<String> REFUSED =
      SqlClassifier.words(
          "CONNECTION_ID USER CURRENT_USER SESSION_USER SYSTEM_USER CURRENT_ROLE VERSION "
              + "FOUND_ROWS ROW_COUNT GET_LOCK RELEASE_LOCK RELEASE_ALL_LOCKS IS_FREE_LOCK "
              + "IS_USED_LOCK SLEEP LOAD_FILE MASTER_POS_WAIT MASTER_GTID_WAIT BENCHMARK "
              + "RANDOM_BYTES ENCRYPT BINLOG_GTID_POS NEXTVAL SETVAL LASTVAL");

  /** System variables a write may read: pinned to the leader's values on every node. */
  public static final Set<String> PINNED_VARIABLES =
      SqlClassifier.words(
          "timestamp insert_id last_insert_id identity sql_mode time_zone "
              + "character_set_client character_set_connection collation_connection "
              + "character_set_database collation_database foreign_key_checks unique_checks "
              + "auto_increment_increment auto_increment_offset");

  private static final Set<String> UUIDS = Set.of("UUID", "UUID_SHORT", "SYS_GUID");

  /**
   * The statement to log and run.
   *
   * @param sql the statement text after rewriting
   * @param readsLastInsertId whether it reads LAST_INSERT_ID() / @@last_insert_id / @@identity, so
   *     the session's value before it must be logged
   * @param userVariables user variables it reads or assigns, lower-cased
   */
  public record Result(String sql, boolean readsLastInsertId, Set<String> userVariables) {}

  private record Edit(int start, int end, String text) {}

  private static final class Level {
    final boolean subquery;
    boolean orderBy;

    Level(boolean subquery) {
      this.subquery = subquery;
    }
  }

  private Determinism() {}

  /**
   * Checks and rewrites one write statement.
   *
   * @throws NonDeterministicWriteException naming the function, variable or clause refused
   */
  public static Result check(SqlStatement st, UuidSource uuids) {
    List<Token> t = st.tokens();
    InsertShape shape = InsertShape.of(st);
    List<Edit> edits = new ArrayList<>();
    Set<String> userVars = new LinkedHashSet<>();
    boolean readsLastInsertId = false;
    Deque<Level> levels = new ArrayDeque<>();
    levels.push(new Level(false));
    for (int i = 0; i < t.size(); i++) {
      Token x = t.get(i);
      Token next = i + 1 < t.size() ? t.get(i + 1) : null;
      boolean call = next != null && next.isPunct("(") && !(i > 0 && t.get(i - 1).isPunct("."));
      if (x.isPunct("(")) {
        boolean sub = next != null && (next.is("SELECT") || next.is("WITH"));
        levels.push(new Level(sub));
      } else if (x.isPunct(")")) {
        if (levels.size() > 1) {
          levels.pop();
        }
      } else if (x.type() == Token.Type.VARIABLE) {
        if (x.isSystemVariable()) {
          String name = x.systemVariableName();
          if (!PINNED_VARIABLES.contains(name)) {
            throw refuse(
                "@@"
                    + name
                    + " differs between nodes; only "
                    + "pinned session variables may be read");
          }
          readsLastInsertId |= name.equals("last_insert_id") || name.equals("identity");
        } else {
          userVars.add(userVariable(x.text()));
        }
      } else if (x.type() != Token.Type.WORD) {
        continue;
      } else if (x.is("ORDER") && next != null && next.is("BY")) {
        levels.peek().orderBy = true;
      } else if (x.is("UNION") || x.is("INTERSECT") || x.is("EXCEPT")) {
        levels.peek().orderBy = false;
      } else if (x.is("LIMIT") && !levels.peek().orderBy) {
        throw refuse(
            "LIMIT without ORDER BY picks rows in plan order, which can differ between nodes;"
                + " add an ORDER BY over a unique key");
      } else if (x.is("SKIP") && next != null && next.is("LOCKED")) {
        throw refuse("SKIP LOCKED depends on concurrent sessions");
      } else if (call && x.is("SYSDATE")) {
        edits.add(new Edit(x.start(), x.end(), "NOW"));
      } else if (call && x.is("LAST_INSERT_ID")) {
        readsLastInsertId = true;
      } else if (call && UUIDS.contains(x.upper())) {
        int close = i + 2;
        if (close >= t.size() || !t.get(close).isPunct(")")) {
          throw refuse(x.upper() + "() takes no arguments");
        }
        if (!shape.uuidAllowedAt(i, levels.stream().anyMatch(l -> l.subquery))) {
          throw refuse(
              x.upper()
                  + "() gives a new value on every node; it is accepted only in INSERT/REPLACE"
                  + " … VALUES, where the leader replaces it with a literal");
        }
        String literal =
            x.is("UUID_SHORT") ? Long.toUnsignedString(uuids.uuidShort()) : uuidLiteral(x, uuids);
        edits.add(new Edit(x.start(), t.get(close).end(), literal));
        i = close;
      } else if (call && REFUSED.contains(x.upper())) {
        throw refuse(
            x.upper()
                + "() returns a different value on each node or session"
                + " (if this is a column name, quote it with backticks)");
      } else if ((x.is("CURRENT_USER") || x.is("CURRENT_ROLE")) && !afterDefiner(t, i)) {
        throw refuse(x.upper() + " differs between nodes");
      } else if ((x.is("NEXT") || x.is("PREVIOUS"))
          && next != null
          && next.is("VALUE")
          && i + 2 < t.size()
          && t.get(i + 2).is("FOR")) {
        throw refuse(
            "sequences (" + x.upper() + " VALUE FOR) can hand out different values per node");
      }
    }
    shape.checkOrderSensitive();
    return new Result(apply(st, edits), readsLastInsertId, userVars);
  }

  private static String uuidLiteral(Token x, UuidSource uuids) {
    String u = uuids.uuid();
    return "'" + (x.is("SYS_GUID") ? u.replace("-", "") : u) + "'";
  }

  private static boolean afterDefiner(List<Token> t, int i) {
    return i >= 2 && t.get(i - 1).isPunct("=") && t.get(i - 2).is("DEFINER");
  }

  private static String userVariable(String text) {
    String n = text.substring(1);
    if (!n.isEmpty() && "'\"`".indexOf(n.charAt(0)) >= 0) {
      n = n.substring(1, n.length() - 1);
    }
    return n.toLowerCase(Locale.ROOT);
  }

  private static String apply(SqlStatement st, List<Edit> edits) {
    StringBuilder sb = new StringBuilder(st.source().substring(st.start(), st.end()));
    for (int k = edits.size() - 1; k >= 0; k--) {
      Edit e = edits.get(k);
      sb.replace(e.start() - st.start(), e.end() - st.start(), e.text());
    }
    return sb.toString().strip();
  }

  static NonDeterministicWriteException refuse(String why) {
    return new NonDeterministicWriteException("refused, it would not replay identically: " + why);
  }
}
