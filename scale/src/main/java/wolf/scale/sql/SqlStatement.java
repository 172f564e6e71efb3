package wolf.scale.sql;

import java.util.List;
import java.util.Optional;

/**
 * One classified statement. {@code start}/{@code end} delimit it in {@code source} (comments around
 * it included, the separating {@code ;} excluded); token offsets are into {@code source}.
 *
 * @param kind what it does
 * @param writes whether it changes (or may change) data or schema: the kind's {@link
 *     SqlKind#writes()}, or a SELECT that calls NEXTVAL/SETVAL, or an ANALYZE/SET STATEMENT
 *     wrapping a write
 * @param table the single target table, when the statement names exactly one (INSERT/REPLACE INTO,
 *     single-table UPDATE/DELETE, CREATE/ALTER/DROP/TRUNCATE TABLE, the first of RENAME)
 * @param ddlObject for DDL, the object type word ({@code TABLE}, {@code INDEX}, {@code DATABASE},
 *     {@code TRIGGER}, {@code USER} …), upper-cased; else empty
 * @param temporary CREATE/DROP TEMPORARY TABLE
 * @param cte it starts with WITH
 * @param lockingRead SELECT … FOR UPDATE / LOCK IN SHARE MODE
 * @param body index in {@code tokens} of the statement's own first keyword, after WITH …, SET
 *     STATEMENT … FOR, ANALYZE and leading parentheses
 */
public record SqlStatement(
    String source,
    int start,
    int end,
    List<Token> tokens,
    SqlKind kind,
    boolean writes,
    Optional<TableName> table,
    String ddlObject,
    boolean temporary,
    boolean cte,
    boolean lockingRead,
    int body) {

  /** The statement's text as written, trimmed. */
  public String text() {
    return source.substring(start, end).strip();
  }

  /** The leading keyword of the statement's body, upper-cased ("" when empty). */
  public String verb() {
    return body < tokens.size() ? tokens.get(body).upper() : "";
  }
}
