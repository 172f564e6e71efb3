package wolf.scale.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits MariaDB SQL text into {@link Token}s the way the server does, so that a classifier built
 * on it sees the statements the server will run.
 *
 * <ul>
 *   <li>Strings {@code '…'} and {@code "…"}: a doubled quote is a quote; {@code \} escapes the next
 *       character unless the dialect says {@code NO_BACKSLASH_ESCAPES}. With {@code ANSI_QUOTES},
 *       {@code "…"} is an identifier.
 *   <li>Quoted identifiers {@code `…`} with {@code ``} for a backtick.
 *   <li>Comments produce no tokens: {@code -- } (two dashes then whitespace, a control character or
 *       the end), {@code #} to the end of the line, {@code /* … *}{@code /}.
 *   <li>Executable comments {@code /*! … *}{@code /} and {@code /*M! … *}{@code /}, with or without
 *       a version number, are code: their content is tokenized like any other text. (The server
 *       skips one whose version is above its own; treating it as code anyway only ever makes a
 *       check stricter.)
 *   <li>Numbers (decimal, exponent, {@code 0x…}, {@code 0b…}); words that start with digits ({@code
 *       1abc}) are identifiers, as in MariaDB.
 *   <li>Variables {@code @x}, {@code @'x'}, {@code @@x}, {@code @@session.x}; placeholders {@code
 *       ?}; {@code ;}; operators (longest match: {@code <=>}, {@code ->>}, {@code :=} …).
 * </ul>
 *
 * An unterminated string, identifier or comment is a {@link SqlSyntaxException}. Stateless and
 * thread-safe.
 */
public final class SqlLexer {
  private static final String[] OPERATORS = {
    "<=>", "->>", "<=", ">=", "<>", "!=", ":=", "||", "&&", "<<", ">>", "->"
  };

  private final String s;
  private final SqlDialect dialect;
  private final List<Token> out = new ArrayList<>();
  private int pos;
  private int executableCommentStart = -1;

  private SqlLexer(String s, SqlDialect dialect) {
    this.s = s;
    this.dialect = dialect;
  }

  /** The tokens of {@code sql}. */
  public static List<Token> tokenize(String sql, SqlDialect dialect) {
    SqlLexer lexer = new SqlLexer(sql, dialect);
    lexer.run();
    return lexer.out;
  }

  private void run() {
    int n = s.length();
    while (pos < n) {
      char c = s.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (executableCommentStart >= 0 && s.startsWith("*/", pos)) {
        executableCommentStart = -1;
        pos += 2;
      } else if (s.startsWith("/*", pos)) {
        comment();
      } else if (c == '#') {
        skipLine();
      } else if (s.startsWith("--", pos) && (pos + 2 == n || s.charAt(pos + 2) <= ' ')) {
        skipLine();
      } else if (c == '\'') {
        quoted(Token.Type.STRING, '\'', dialect.backslashEscapes(), "string");
      } else if (c == '"') {
        if (dialect.ansiQuotes()) {
          quoted(Token.Type.QUOTED_IDENT, '"', false, "quoted identifier");
        } else {
          quoted(Token.Type.STRING, '"', dialect.backslashEscapes(), "string");
        }
      } else if (c == '`') {
        quoted(Token.Type.QUOTED_IDENT, '`', false, "quoted identifier");
      } else if (c == '@') {
        variable();
      } else if (c == '?') {
        emit(Token.Type.PARAM, pos + 1);
      } else if (c == ';') {
        emit(Token.Type.SEMICOLON, pos + 1);
      } else if (isDigit(c) && afterDot()) {
        emit(Token.Type.WORD, identEnd(pos));
      } else if (isDigit(c)
          || (c == '.' && pos + 1 < n && isDigit(s.charAt(pos + 1)) && !afterName())) {
        number();
      } else if (isIdentChar(c)) {
        emit(Token.Type.WORD, identEnd(pos));
      } else {
        operator();
      }
    }
    if (executableCommentStart >= 0) {
      throw new SqlSyntaxException("unterminated executable comment", executableCommentStart);
    }
  }

  private void comment() {
    int start = pos;
    int p = pos + 2;
    boolean mariaOnly = s.startsWith("M!", p);
    if (mariaOnly || s.startsWith("!", p)) {
      p += mariaOnly ? 2 : 1;
      int digits = 0;
      while (p < s.length() && digits < 6 && isDigit(s.charAt(p))) {
        p++;
        digits++;
      }
      executableCommentStart = start;
      pos = p;
      return;
    }
    int end = s.indexOf("*/", p);
    if (end < 0) {
      throw new SqlSyntaxException("unterminated comment", start);
    }
    pos = end + 2;
  }

  private void skipLine() {
    int nl = s.indexOf('\n', pos);
    pos = nl < 0 ? s.length() : nl + 1;
  }

  private void quoted(Token.Type type, char q, boolean backslash, String what) {
    int i = pos + 1;
    int n = s.length();
    while (i < n) {
      char ch = s.charAt(i);
      if (ch == '\\' && backslash) {
        i += 2;
      } else if (ch == q) {
        if (i + 1 < n && s.charAt(i + 1) == q) {
          i += 2;
        } else {
          emit(type, i + 1);
          return;
        }
      } else {
        i++;
      }
    }
    throw new SqlSyntaxException("unterminated " + what, pos);
  }

  private void variable() {
    int p = pos + 1;
    boolean system = p < s.length() && s.charAt(p) == '@';
    if (system) {
      p++;
    }
    if (!system && p < s.length() && "'\"`".indexOf(s.charAt(p)) >= 0) {
      int start = pos;
      pos = p;
      quoted(
          Token.Type.VARIABLE,
          s.charAt(p),
          s.charAt(p) != '`' && dialect.backslashEscapes(),
          "variable name");
      Token t = out.remove(out.size() - 1);
      out.add(new Token(Token.Type.VARIABLE, s.substring(start, t.end()), start, t.end()));
      return;
    }
    int end = identEnd(p);
    // @@session.sql_mode: the scope and the name form one token.
    if (system && end < s.length() && s.charAt(end) == '.' && end + 1 < s.length()) {
      end = identEnd(end + 1);
    }
    emit(Token.Type.VARIABLE, end);
  }

  private void number() {
    int n = s.length();
    int p = pos;
    if (s.charAt(p) == '0' && p + 2 < n && (s.charAt(p + 1) == 'x' || s.charAt(p + 1) == 'b')) {
      int q = p + 2;
      boolean hex = s.charAt(p + 1) == 'x';
      while (q < n
          && (hex ? Character.digit(s.charAt(q), 16) >= 0 : "01".indexOf(s.charAt(q)) >= 0)) {
        q++;
      }
      if (q > p + 2 && (q == n || !isIdentChar(s.charAt(q)))) {
        emit(Token.Type.NUMBER, q);
        return;
      }
    }
    while (p < n && isDigit(s.charAt(p))) {
      p++;
    }
    if (p < n && s.charAt(p) == '.') {
      p++;
      while (p < n && isDigit(s.charAt(p))) {
        p++;
      }
    }
    if (p < n && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
      int q = p + 1;
      if (q < n && (s.charAt(q) == '+' || s.charAt(q) == '-')) {
        q++;
      }
      if (q < n && isDigit(s.charAt(q))) {
        p = q;
        while (p < n && isDigit(s.charAt(p))) {
          p++;
        }
      }
    }
    if (p < n && isIdentChar(s.charAt(p)) && s.charAt(pos) != '.') {
      emit(Token.Type.WORD, identEnd(p)); // 1abc is an identifier in MariaDB
    } else {
      emit(Token.Type.NUMBER, p);
    }
  }

  private void operator() {
    for (String op : OPERATORS) {
      if (s.startsWith(op, pos)) {
        emit(Token.Type.PUNCT, pos + op.length());
        return;
      }
    }
    emit(Token.Type.PUNCT, pos + 1);
  }

  private void emit(Token.Type type, int end) {
    out.add(new Token(type, s.substring(pos, end), pos, end));
    pos = end;
  }

  private int identEnd(int p) {
    while (p < s.length() && isIdentChar(s.charAt(p))) {
      p++;
    }
    return p;
  }

  /** The previous token is a name, so a following {@code .} qualifies it. */
  private boolean afterName() {
    if (out.isEmpty()) {
      return false;
    }
    Token last = out.get(out.size() - 1);
    return last.isIdentifier() && last.end() == pos;
  }

  /** The previous token is the {@code .} of a qualified name: digits start an identifier. */
  private boolean afterDot() {
    if (out.size() < 2) {
      return false;
    }
    Token dot = out.get(out.size() - 1);
    return dot.isPunct(".") && dot.end() == pos && out.get(out.size() - 2).isIdentifier();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || isDigit(c)
        || c == '_'
        || c == '$'
        || c >= 0x80;
  }
}
