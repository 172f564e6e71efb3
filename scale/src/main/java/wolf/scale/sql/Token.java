package wolf.scale.sql;

import java.util.Locale;

/**
 * One lexical token of a MariaDB statement. {@code start}/{@code end} are offsets into the source
 * text, so a rewrite can replace exactly this token; {@code text} is the source text of the token
 * (quotes included for strings and quoted identifiers). Immutable.
 */
public record Token(Type type, String text, int start, int end) {

  /** Token classes; comments and whitespace produce no tokens. */
  public enum Type {
    /** Unquoted identifier or keyword ({@code SELECT}, {@code t1}, {@code 1abc}). */
    WORD,
    /** Backtick-quoted identifier ({@code `my table`}); with ANSI_QUOTES also {@code "x"}. */
    QUOTED_IDENT,
    /** Quoted string literal, {@code '…'} or {@code "…"}. */
    STRING,
    /** Numeric literal: {@code 12}, {@code 1.5e3}, {@code .5}, {@code 0x1F}, {@code 0b101}. */
    NUMBER,
    /**
     * User variable {@code @x} / {@code @'x'} or system variable {@code @@x} / {@code @@session.x}.
     */
    VARIABLE,
    /** A {@code ?} placeholder. */
    PARAM,
    /** The statement separator {@code ;}. */
    SEMICOLON,
    /** Operators and punctuation: {@code ( ) , . = <=> := ||} … */
    PUNCT
  }

  /** Whether this is the unquoted word {@code keyword} (case-insensitive). */
  public boolean is(String keyword) {
    return type == Type.WORD && text.equalsIgnoreCase(keyword);
  }

  /** Whether this is the punctuation {@code p}. */
  public boolean isPunct(String p) {
    return type == Type.PUNCT && text.equals(p);
  }

  /** Upper-cased text of a word; the raw text otherwise. */
  public String upper() {
    return type == Type.WORD ? text.toUpperCase(Locale.ROOT) : text;
  }

  /** Whether this names something: an unquoted word or a quoted identifier. */
  public boolean isIdentifier() {
    return type == Type.WORD || type == Type.QUOTED_IDENT;
  }

  /** The identifier's name without quotes (doubled quote characters undone). */
  public String identifier() {
    if (type != Type.QUOTED_IDENT) {
      return text;
    }
    char q = text.charAt(0);
    return text.substring(1, text.length() - 1).replace("" + q + q, "" + q);
  }

  /** For a variable: whether it is a system variable ({@code @@…}). */
  public boolean isSystemVariable() {
    return type == Type.VARIABLE && text.startsWith("@@");
  }

  /**
   * For a system variable, its name lower-cased without {@code @@} and scope
   * ({@code @@session.sql_mode} → {@code sql_mode}).
   */
  public String systemVariableName() {
    String n = text.substring(2).toLowerCase(Locale.ROOT);
    for (String scope : new String[] {"global.", "session.", "local."}) {
      if (n.startsWith(scope)) {
        return n.substring(scope.length());
      }
    }
    return n;
  }
}
