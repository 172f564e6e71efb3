package wolf.scale.sql;

import java.util.Arrays;
import java.util.Locale;

/**
 * The two {@code sql_mode} flags that change how MariaDB splits text into tokens. The lexer must
 * agree with the server, or a string could end where the server thinks it goes on.
 *
 * @param backslashEscapes {@code \} escapes the next character in strings (off with {@code
 *     NO_BACKSLASH_ESCAPES})
 * @param ansiQuotes {@code "…"} is an identifier, not a string ({@code ANSI_QUOTES}, also implied
 *     by {@code ANSI}, {@code ORACLE}, {@code POSTGRESQL} …)
 */
public record SqlDialect(boolean backslashEscapes, boolean ansiQuotes) {

  /** MariaDB's default: backslash escapes on, {@code "…"} is a string. */
  public static final SqlDialect DEFAULT = new SqlDialect(true, false);

  /** The dialect of a session whose {@code @@sql_mode} is {@code sqlMode} (as MariaDB shows it). */
  public static SqlDialect of(String sqlMode) {
    String[] flags = sqlMode.toUpperCase(Locale.ROOT).split(",");
    boolean noBackslash = Arrays.asList(flags).contains("NO_BACKSLASH_ESCAPES");
    boolean ansi =
        Arrays.stream(flags)
            .anyMatch(
                f ->
                    f.equals("ANSI_QUOTES")
                        || f.equals("ANSI")
                        || f.equals("ORACLE")
                        || f.equals("POSTGRESQL")
                        || f.equals("MSSQL")
                        || f.equals("DB2")
                        || f.equals("MAXDB"));
    return new SqlDialect(!noBackslash, ansi);
  }
}
