package wolf.scale.log;

/**
 * The session variables a statement's result depends on, as they were on the leader's session;
 * followers set them before replaying. (The text itself always travels as utf8mb4: the client
 * character set is not part of it.)
 *
 * @param sqlMode {@code @@sql_mode} as MariaDB shows it
 * @param timeZone {@code @@time_zone} ({@code SYSTEM}, {@code +00:00}, a named zone)
 * @param collationConnection {@code @@collation_connection} (implies the connection character set:
 *     how string literals compare and convert)
 * @param foreignKeyChecks {@code @@foreign_key_checks}
 * @param uniqueChecks {@code @@unique_checks}
 * @param autoIncrementIncrement {@code @@auto_increment_increment}
 * @param autoIncrementOffset {@code @@auto_increment_offset}
 */
public record SessionState(
    String sqlMode,
    String timeZone,
    String collationConnection,
    boolean foreignKeyChecks,
    boolean uniqueChecks,
    int autoIncrementIncrement,
    int autoIncrementOffset) {}
