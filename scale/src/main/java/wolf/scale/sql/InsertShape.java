package wolf.scale.sql;

import java.util.List;

/**
 * The shape of an INSERT/REPLACE/UPDATE that decides what {@link Determinism} accepts: VALUES rows
 * or SELECT, IGNORE, ON DUPLICATE KEY UPDATE, ORDER BY.
 */
final class InsertShape {
  private final SqlKind kind;
  private boolean ignore;
  private boolean select;
  private int rows;
  private int onDuplicate = -1;
  private boolean orderBy;

  private InsertShape(SqlKind kind) {
    this.kind = kind;
  }

  static InsertShape of(SqlStatement st) {
    InsertShape s = new InsertShape(st.kind());
    if (st.kind() != SqlKind.INSERT
        && st.kind() != SqlKind.REPLACE
        && st.kind() != SqlKind.UPDATE) {
      return s;
    }
    List<Token> t = st.tokens();
    int i = st.body() + 1;
    while (i < t.size()
        && (t.get(i).is("LOW_PRIORITY")
            || t.get(i).is("DELAYED")
            || t.get(i).is("HIGH_PRIORITY")
            || t.get(i).is("IGNORE"))) {
      s.ignore |= t.get(i).is("IGNORE");
      i++;
    }
    int depth = 0;
    int values = -1;
    boolean setForm = false;
    for (; i < t.size(); i++) {
      Token x = t.get(i);
      if (x.isPunct("(")) {
        if (depth == 0 && values >= 0 && s.onDuplicate < 0) {
          s.rows++;
        }
        depth++;
      } else if (x.isPunct(")")) {
        depth--;
      } else if (depth <= 1 && x.is("ORDER") && i + 1 < t.size() && t.get(i + 1).is("BY")) {
        s.orderBy = true;
      } else if (depth == 0 && s.onDuplicate < 0) {
        if ((x.is("VALUES") || x.is("VALUE")) && values < 0) {
          values = i;
        } else if (x.is("SET")) {
          setForm = true;
        } else if (x.is("ON") && i + 1 < t.size() && t.get(i + 1).is("DUPLICATE")) {
          s.onDuplicate = i;
        }
      }
    }
    if (setForm && values < 0) {
      s.rows = 1;
    }
    s.select = st.kind() != SqlKind.UPDATE && values < 0 && !setForm;
    return s;
  }

  /** Whether a UUID() at token {@code i} is evaluated exactly once, so a literal may replace it. */
  boolean uuidAllowedAt(int i, boolean inSubquery) {
    return (kind == SqlKind.INSERT || kind == SqlKind.REPLACE)
        && !select
        && !inSubquery
        && (rows <= 1 || onDuplicate < 0 || i < onDuplicate);
  }

  /** Refuses statements whose effect depends on the order rows are read in. */
  void checkOrderSensitive() {
    if (orderBy) {
      return;
    }
    if (select && (ignore || kind == SqlKind.REPLACE || onDuplicate >= 0)) {
      throw Determinism.refuse(
          kind
              + (ignore ? " IGNORE" : "")
              + (onDuplicate >= 0 ? " … ON DUPLICATE KEY UPDATE" : "")
              + " … SELECT without ORDER BY: which rows win depends on the order they are read in;"
              + " add an ORDER BY over a unique key");
    }
    if (kind == SqlKind.UPDATE && ignore) {
      throw Determinism.refuse(
          "UPDATE IGNORE without ORDER BY: which rows are skipped depends on row order");
    }
  }
}
