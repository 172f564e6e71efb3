package wolf.scale.mariadb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The fixture gives real, independent servers that survive a crash and always stop. */
class MariaDbServerTest {
  @RegisterExtension static final MariaDbFixture db = new MariaDbFixture(2);

  @TempDir Path dir;

  @Test
  void serversAreIndependentAndCommittedDataSurvivesAKill() throws Exception {
    MariaDbServer a = db.server(0);
    MariaDbServer b = db.server(1);
    a.sql(
        "CREATE DATABASE IF NOT EXISTS t1; CREATE TABLE IF NOT EXISTS t1.x (id INT PRIMARY KEY);"
            + " REPLACE INTO t1.x VALUES (42);");
    assertEquals("42", a.sql("SELECT id FROM t1.x").strip());
    assertEquals("", b.sql("SHOW DATABASES LIKE 't1'").strip());
    assertEquals(
        String.valueOf(b.serverId()), b.sql("SELECT @@server_id").strip(), "distinct server ids");

    a.kill();
    assertFalse(a.running());
    a.restart();
    assertEquals("42", a.sql("SELECT id FROM t1.x").strip(), "committed row lost by kill -9");
  }

  @Test
  void anSqlErrorComesBackWithTheServersMessage() {
    MariaDbException e =
        assertThrows(MariaDbException.class, () -> db.server(0).sql("SELECT * FROM nope.nope"));
    assertTrue(
        e.getMessage().contains("ERROR 1049") || e.getMessage().contains("ERROR 1146"),
        e.getMessage());
  }

  @Test
  void aStartThatCannotBindSaysWhy() throws Exception {
    int taken = db.server(1).port();
    MariaDbException e =
        assertThrows(MariaDbException.class, () -> MariaDbServer.start(dir.resolve("x"), taken, 9));
    assertTrue(e.getMessage().contains("exited at start-up"), e.getMessage());
    assertTrue(e.getMessage().toLowerCase().contains("bind"), e.getMessage());
  }
}
