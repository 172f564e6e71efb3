package wolf.scale.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a token list into statements at {@code ;}, the way the server reads a multi-statement
 * text. Inside a compound statement — a stored program ({@code CREATE [OR REPLACE] [DEFINER=…]
 * PROCEDURE|FUNCTION|TRIGGER|EVENT|PACKAGE …}), {@code BEGIN NOT ATOMIC … END}, or a labelled block
 * ({@code l: BEGIN …}) — a {@code ;} between {@code BEGIN} and its {@code END} belongs to the body.
 * Nesting is counted by {@code BEGIN}/{@code CASE} against {@code END}/{@code END CASE}; {@code END
 * IF|LOOP|WHILE|REPEAT|FOR} close constructs that are not counted. Not handled: top-level {@code IF
 * … END IF} without {@code BEGIN NOT ATOMIC} (split at its inner {@code ;}).
 */
final class StatementSplitter {
  private static final Set<String> PROGRAM_OBJECTS =
      Set.of("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "PACKAGE");
  private static final Set<String> UNCOUNTED_ENDS = Set.of("IF", "LOOP", "WHILE", "REPEAT", "FOR");

  /** One statement: its tokens and the source range between separators. */
  record Piece(List<Token> tokens, int start, int end) {}

  private StatementSplitter() {}

  static List<Piece> split(String source, List<Token> tokens) {
    List<Piece> out = new ArrayList<>();
    int from = 0;
    int textStart = 0;
    while (from <= tokens.size()) {
      int depth = 0;
      boolean compound = from < tokens.size() && isCompound(tokens, from);
      int i = from;
      for (; i < tokens.size(); i++) {
        Token t = tokens.get(i);
        if (t.type() == Token.Type.SEMICOLON && depth <= 0) {
          break;
        }
        if (!compound || t.type() != Token.Type.WORD) {
          continue;
        }
        if (t.is("BEGIN") || t.is("CASE")) {
          depth++;
        } else if (t.is("END")) {
          Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
          if (next == null || !UNCOUNTED_ENDS.contains(next.upper())) {
            depth--;
          }
          if (next != null && next.is("CASE")) {
            i++; // END CASE closes one CASE, not two
          }
        }
      }
      int textEnd = i < tokens.size() ? tokens.get(i).start() : source.length();
      if (i > from) {
        out.add(new Piece(List.copyOf(tokens.subList(from, i)), textStart, textEnd));
      }
      if (i >= tokens.size()) {
        break;
      }
      textStart = tokens.get(i).end();
      from = i + 1;
    }
    return out;
  }

  private static boolean isCompound(List<Token> t, int from) {
    Token first = t.get(from);
    if (first.is("BEGIN")) {
      return from + 1 < t.size() && t.get(from + 1).is("NOT");
    }
    if (first.isIdentifier()
        && from + 2 < t.size()
        && t.get(from + 1).isPunct(":")
        && t.get(from + 2).type() == Token.Type.WORD) {
      return true;
    }
    if (!first.is("CREATE")) {
      return false;
    }
    // A false positive (a column named "event") is harmless: only BEGIN/CASE/END change depth.
    for (int i = from + 1; i < Math.min(t.size(), from + 16); i++) {
      if (PROGRAM_OBJECTS.contains(t.get(i).upper())) {
        return true;
      }
    }
    return false;
  }
}
