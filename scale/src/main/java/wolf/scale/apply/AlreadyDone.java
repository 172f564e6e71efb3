package wolf.scale.apply;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * Which MariaDB errors mean "this DDL had already been applied" when a follower re-executes a DDL
 * record after a crash left its marker behind (the DDL ran and committed itself, the applied LSN
 * was not yet recorded). Nodes are identical before the record, and the leader ran it without an
 * error, so on re-execution these errors can only come from the DDL's own earlier run.
 *
 * <table>
 *   <tr><th>error</th><th>meaning</th><th>for</th></tr>
 *   <tr><td>1007</td><td>database exists</td><td>CREATE DATABASE</td></tr>
 *   <tr><td>1008</td><td>database does not exist</td><td>DROP DATABASE</td></tr>
 *   <tr><td>1050</td><td>table exists</td><td>CREATE TABLE/VIEW, RENAME TABLE</td></tr>
 *   <tr><td>1051</td><td>unknown table</td><td>DROP TABLE/VIEW</td></tr>
 *   <tr><td>1146</td><td>table does not exist</td><td>DROP, RENAME, ALTER … RENAME</td></tr>
 *   <tr><td>1060</td><td>duplicate column</td><td>ALTER … ADD COLUMN</td></tr>
 *   <tr><td>1061</td><td>duplicate key name</td><td>ALTER … ADD INDEX, CREATE INDEX</td></tr>
 *   <tr><td>1068</td><td>multiple primary keys</td><td>ALTER … ADD PRIMARY KEY</td></tr>
 *   <tr><td>1054</td><td>unknown column</td><td>ALTER … DROP/CHANGE/RENAME COLUMN</td></tr>
 *   <tr><td>1091</td><td>cannot drop field or key</td><td>ALTER … DROP COLUMN/INDEX, DROP INDEX</td></tr>
 *   <tr><td>1826</td><td>duplicate foreign key name</td><td>ALTER … ADD FOREIGN KEY</td></tr>
 *   <tr><td>1304, 1305</td><td>routine exists / does not exist</td><td>CREATE/DROP PROCEDURE, FUNCTION</td></tr>
 *   <tr><td>1359, 1360</td><td>trigger exists / does not exist</td><td>CREATE/DROP TRIGGER</td></tr>
 *   <tr><td>1537, 1539</td><td>event exists / does not exist</td><td>CREATE/DROP EVENT</td></tr>
 *   <tr><td>1396</td><td>operation failed for a user</td><td>CREATE/DROP/RENAME USER</td></tr>
 * </table>
 *
 * TRUNCATE, CREATE … IF NOT EXISTS, DROP … IF EXISTS, CREATE OR REPLACE, GRANT and REVOKE simply
 * succeed again. 1146 counts only for DROP, RENAME and ALTER (a rename that already happened);
 * anything else stops the applier as usual.
 */
final class AlreadyDone {
  private static final Set<Integer> ANY =
      Set.of(
          1007, 1008, 1050, 1051, 1060, 1061, 1068, 1054, 1091, 1826, 1304, 1305, 1359, 1360, 1537,
          1539, 1396);
  private static final Map<Integer, Set<String>> ONLY_FOR =
      Map.of(1146, Set.of("DROP", "RENAME", "ALTER"));

  private AlreadyDone() {}

  /** Whether re-executing a DDL statement led by {@code verb} failing with {@code e} means done. */
  static boolean means(SQLException e, String verb) {
    int code = e.getErrorCode();
    return ANY.contains(code) || ONLY_FOR.getOrDefault(code, Set.of()).contains(verb);
  }
}
