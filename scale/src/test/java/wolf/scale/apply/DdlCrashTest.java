package wolf.scale.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wolf.scale.apply.ReplicationTest.sql;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import wolf.scale.mariadb.SharedMariaDb;
import wolf.scale.write.WriteResult;

/**
 * DDL commits on its own, so it cannot share a transaction with the applied LSN; the DDL marker
 * covers the window. A node is stopped at each step (a {@link FaultPoint}) and restarted.
 */
class DdlCrashTest {
  @RegisterExtension static final SharedMariaDb db = new SharedMariaDb(3);

  private ScaleHarness h;

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private void setUp() throws Exception {
    h =
        ScaleHarness.leading(
            db.servers(),
            "CREATE DATABASE app",
            "CREATE TABLE app.t (id INT PRIMARY KEY, a INT, b INT)",
            "INSERT INTO app.t VALUES (1, 1, 1), (2, 2, 2)");
  }

  private void restart(int i) throws Exception {
    ScaleHarness.await(() -> h.crashed.contains(i), Duration.ofSeconds(30), "the crash hook");
    h.stop(i);
    h.hooks[i] = FaultHooks.NONE;
    h.start(i);
  }

  private void assertSchemasIdentical(long lsn) throws Exception {
    h.awaitApplied(lsn, Duration.ofSeconds(30));
    h.assertIdentical(
        "SELECT table_name, column_name, column_type FROM information_schema.columns"
            + " WHERE table_schema = 'app' ORDER BY 1, 2");
    h.assertIdentical(
        "SELECT table_name, index_name, column_name FROM information_schema.statistics"
            + " WHERE table_schema = 'app' ORDER BY 1, 2, 3");
    for (var s : h.servers) {
      assertEquals(
          "",
          s.sql("SELECT * FROM wolfscale.ddl_marker").strip(),
          "marker left on " + s.serverId());
    }
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CREATE TABLE app.u (x INT)|FOLLOWER_DDL_EXECUTED",
        "ALTER TABLE app.t ADD COLUMN c INT|FOLLOWER_DDL_EXECUTED",
        "ALTER TABLE app.t ADD INDEX ia (a)|FOLLOWER_DDL_EXECUTED",
        "ALTER TABLE app.t DROP COLUMN b|FOLLOWER_DDL_EXECUTED",
        "RENAME TABLE app.t TO app.t2|FOLLOWER_DDL_EXECUTED",
        "DROP TABLE app.t|FOLLOWER_DDL_EXECUTED",
        "TRUNCATE TABLE app.t|FOLLOWER_DDL_EXECUTED",
        "CREATE TABLE app.u (x INT)|FOLLOWER_DDL_MARKED",
        "ALTER TABLE app.t ADD COLUMN c INT|FOLLOWER_DDL_MARKED"
      })
  void aFollowerStoppedMidDdlReExecutesItAndCountsAlreadyDoneAsApplied(String ddl, FaultPoint at)
      throws Exception {
    setUp();
    h.stop(1);
    h.hooks[1] = h.crashOnceAt(1, at);
    h.start(1);
    h.write(0, sql(ddl));
    WriteResult last = h.write(0, sql("CREATE TABLE app.after (y INT)"));
    restart(1);
    assertSchemasIdentical(last.lsn());
    assertTrue(h.status(1).applyError().isEmpty());
  }

  @Test
  void aLeaderStoppedAfterTheLogGotItsDdlCountsItAppliedWithoutRunningItTwice() throws Exception {
    setUp();
    h.stop(0);
    h.hooks[0] = h.crashOnceAt(0, FaultPoint.LEADER_BEFORE_COMMIT);
    h.start(0);
    h.lead(0);
    h.nodes[0].writes().write(sql("CREATE TABLE app.u (x INT)")); // its caller never hears back
    restart(0);
    h.lead(0); // a new term: it catches up on its own DDL record first
    WriteResult w = h.write(0, sql("INSERT INTO app.u VALUES (1)"));
    assertSchemasIdentical(w.lsn());
    assertEquals("1", h.servers.get(0).sql("SELECT * FROM app.u").strip());
  }

  @Test
  void aLeaderStoppedBeforeItsDdlWasLoggedReportsItselfDiverged() throws Exception {
    setUp();
    h.stop(0);
    h.hooks[0] = h.crashOnceAt(0, FaultPoint.LEADER_DDL_EXECUTED);
    h.start(0);
    h.lead(0);
    h.nodes[0].writes().write(sql("ALTER TABLE app.t ADD COLUMN c INT"));
    restart(0);
    h.lead(1);
    WriteResult w = h.write(1, sql("INSERT INTO app.t VALUES (3, 3, 3)"));
    h.awaitMode(0, "stopped");
    ScaleStatus st = h.status(0);
    assertTrue(st.diverged().orElseThrow().contains("snapshot"), st.toString());
    assertTrue(st.diverged().orElseThrow().contains("ADD COLUMN c"), st.toString());
    h.awaitApplied(0, Duration.ofSeconds(1));
    // the others never saw the DDL and carry on
    assertEquals("3", h.servers.get(2).sql("SELECT COUNT(*) FROM app.t").strip());
    assertTrue(w.lsn() > 0);
  }

  @Test
  void aLeaderStoppedBeforeCommittingADmlBatchGetsItBackFromTheLog() throws Exception {
    setUp();
    h.stop(0);
    h.hooks[0] = h.crashOnceAt(0, FaultPoint.LEADER_BEFORE_COMMIT);
    h.start(0);
    h.lead(0);
    h.nodes[0].writes().write(sql("INSERT INTO app.t VALUES (3, 3, 3)"));
    restart(0);
    h.lead(1);
    WriteResult w = h.write(1, sql("INSERT INTO app.t VALUES (4, 4, 4)"));
    h.awaitApplied(w.lsn(), Duration.ofSeconds(30));
    h.assertIdentical("SELECT * FROM app.t ORDER BY id", "app.t");
    assertEquals("4", h.servers.get(0).sql("SELECT COUNT(*) FROM app.t").strip());
  }
}
