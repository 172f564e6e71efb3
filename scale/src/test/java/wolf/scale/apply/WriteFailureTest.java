package wolf.scale.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wolf.scale.apply.ReplicationTest.map;
import static wolf.scale.apply.ReplicationTest.sql;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import wolf.scale.cluster.NotLeadingException;
import wolf.scale.mariadb.SharedMariaDb;
import wolf.scale.write.SqlWriteException;
import wolf.scale.write.WriteRequest;
import wolf.scale.write.WriteResult;
import wolf.scale.write.WriteUnavailableException;

/** Errors reach the caller unchanged; failed appends leave nothing half-done; leadership moves. */
class WriteFailureTest {
  @RegisterExtension static final SharedMariaDb db = new SharedMariaDb(3);

  private ScaleHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new ScaleHarness(db.servers(), ScaleLimits.defaults());
    h.startAll();
    h.lead(0);
    h.write(0, sql("CREATE DATABASE app"));
    h.write(0, sql("CREATE TABLE app.t (id INT PRIMARY KEY, v VARCHAR(20))"));
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private Throwable fails(int node, WriteRequest r) {
    return assertThrows(ExecutionException.class, () -> h.write(node, r)).getCause();
  }

  private String rows(int node) throws Exception {
    return h.servers.get(node).sql("SELECT * FROM app.t ORDER BY id").strip();
  }

  @Test
  void mariaDbErrorsReachTheCallerUnchangedAndAreNotLogged() throws Exception {
    h.write(0, new WriteRequest.Insert(Optional.empty(), "t", map("id", 1, "v", "a")));
    long before = h.log.lastLsn();
    SqlWriteException dup =
        (SqlWriteException)
            fails(0, new WriteRequest.Insert(Optional.empty(), "t", map("id", 1, "v", "b")));
    assertEquals(1062, dup.errorCode());
    assertEquals("23000", dup.sqlState());
    assertEquals("Duplicate entry '1' for key 'PRIMARY'", dup.getMessage());
    SqlWriteException syntax =
        (SqlWriteException) fails(0, sql("INSERT INTO app.t VALUES (2, 'x', )"));
    assertEquals(1064, syntax.errorCode());
    assertTrue(
        syntax.getMessage().startsWith("You have an error in your SQL syntax"),
        syntax.getMessage());
    SqlWriteException table =
        (SqlWriteException)
            fails(0, new WriteRequest.Delete(Optional.empty(), "nope", map("id", 1)));
    assertEquals(1146, table.errorCode());
    assertEquals("Table 'app.nope' doesn't exist", table.getMessage());
    SqlWriteException ddl =
        (SqlWriteException)
            fails(0, new WriteRequest.Ddl(Optional.empty(), "CREATE TABLE app.t (x INT)"));
    assertEquals(1050, ddl.errorCode());
    assertEquals(before, h.log.lastLsn(), "nothing logged for failed writes");
    assertEquals(
        "",
        h.servers.get(0).sql("SELECT * FROM wolfscale.ddl_marker").strip(),
        "DDL marker cleared");
    WriteResult ok =
        h.write(0, new WriteRequest.Insert(Optional.empty(), "t", map("id", 2, "v", "c")));
    assertEquals(before + 1, ok.lsn());
    h.awaitApplied(ok.lsn(), Duration.ofSeconds(20));
    h.assertIdentical("SELECT * FROM app.t ORDER BY id", "app.t");
  }

  @Test
  void anAppendRefusedAsNotLeaderRollsBackAndTellsTheCallerToRetryElsewhere() throws Exception {
    long before = h.log.lastLsn();
    h.log.failNextAppend(FakeLogCluster.Failure.NOT_LEADER);
    assertTrue(
        fails(0, sql("INSERT INTO app.t VALUES (1, 'lost')")) instanceof NotLeadingException);
    assertEquals(before, h.log.lastLsn());
    assertEquals("", rows(0), "the leader rolled back");
    h.lead(0); // the next role event lets it execute again
    WriteResult ok = h.write(0, sql("INSERT INTO app.t VALUES (2, 'kept')"));
    h.awaitApplied(ok.lsn(), Duration.ofSeconds(20));
    assertEquals("2\tkept", rows(0));
    h.assertIdentical("SELECT * FROM app.t ORDER BY id", "app.t");
  }

  @Test
  void anUnknownOutcomeThatCommittedIsAppliedExactlyOnceByTheLeadersOwnApplier() throws Exception {
    h.log.failNextAppend(FakeLogCluster.Failure.UNKNOWN_BUT_COMMITTED);
    WriteUnavailableException e =
        (WriteUnavailableException) fails(0, sql("INSERT INTO app.t VALUES (1, 'maybe')"));
    assertTrue(e.outcomeUnknown());
    h.awaitMode(0, "leading"); // barrier appended, own record re-applied from the log
    WriteResult ok = h.write(0, sql("INSERT INTO app.t VALUES (2, 'after')"));
    h.awaitApplied(ok.lsn(), Duration.ofSeconds(20));
    assertEquals("1\tmaybe\n2\tafter", rows(0));
    h.assertIdentical("SELECT * FROM app.t ORDER BY id", "app.t");
  }

  @Test
  void anUnknownOutcomeThatNeverCommitsLeavesNoTraceAfterFailover() throws Exception {
    h.log.holdCommits(true);
    h.log.failNextAppend(FakeLogCluster.Failure.UNKNOWN_LOST);
    WriteUnavailableException e =
        (WriteUnavailableException) fails(0, sql("INSERT INTO app.t VALUES (1, 'lost')"));
    assertTrue(e.outcomeUnknown());
    assertEquals("", rows(0), "rolled back on the leader");
    h.log.lead("node-2"); // the new term truncates the uncommitted record (and node-1's barrier)
    h.log.holdCommits(false);
    h.awaitMode(1, "leading");
    WriteResult ok = h.write(1, sql("INSERT INTO app.t VALUES (2, 'new leader')"));
    h.awaitApplied(ok.lsn(), Duration.ofSeconds(20));
    h.assertIdentical("SELECT * FROM app.t ORDER BY id", "app.t");
    assertEquals("2\tnew leader", rows(0));
  }

  @Test
  void leadershipMovesAndTheNewLeaderCatchesUpFirst() throws Exception {
    for (int i = 0; i < 20; i++) {
      h.write(0, new WriteRequest.Insert(Optional.empty(), "t", map("id", i, "v", "n1")));
    }
    h.lead(1);
    assertTrue(fails(0, sql("INSERT INTO app.t VALUES (100, 'x')")) instanceof NotLeadingException);
    WriteResult ok =
        h.write(1, new WriteRequest.Insert(Optional.empty(), "t", map("id", 100, "v", "n2")));
    h.awaitApplied(ok.lsn(), Duration.ofSeconds(20));
    h.assertIdentical("SELECT * FROM app.t ORDER BY id", "app.t");
    assertEquals("21", h.servers.get(0).sql("SELECT COUNT(*) FROM app.t").strip());
  }

  @Test
  void aLeaderConnectionClosedWhileIdleIsReplacedBeforeTheNextBatch() throws Exception {
    h.close();
    ScaleLimits quick = ScaleLimits.defaults();
    h =
        new ScaleHarness(
            db.servers(),
            new ScaleLimits(
                quick.maxBatchWrites(),
                quick.maxBatchBytes(),
                quick.maxQueuedWrites(),
                quick.maxQueuedBytes(),
                quick.maxGroupRecords(),
                quick.maxGroupBytes(),
                quick.retryDelay(),
                Duration.ofMillis(100)));
    h.startAll();
    h.lead(0);
    h.write(0, sql("CREATE DATABASE app"));
    var leader = h.servers.get(0);
    for (String id :
        leader
            .sql("SELECT id FROM information_schema.processlist WHERE user = 'wolf'")
            .strip()
            .split("\n")) {
      leader.sql("KILL CONNECTION " + id.strip()); // as wait_timeout would
    }
    Thread.sleep(300);
    assertTrue(h.write(0, sql("CREATE TABLE app.t (id INT)")).lsn() > 0);
  }

  @Test
  void drainingFinishesInFlightAndRefusesNew() throws Exception {
    h.log.node("node-1").setRole(new wolf.actors.replication.Role.Draining(1, "node-2"));
    h.awaitMode(0, "draining");
    assertTrue(fails(0, sql("INSERT INTO app.t VALUES (1, 'x')")) instanceof NotLeadingException);
  }
}
