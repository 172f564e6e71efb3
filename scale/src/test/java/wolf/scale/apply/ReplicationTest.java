package wolf.scale.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import wolf.scale.mariadb.SharedMariaDb;
import wolf.scale.write.WriteRequest;
import wolf.scale.write.WriteResult;

/** Three nodes on three real MariaDB servers: the leader executes, the followers apply. */
class ReplicationTest {
  @RegisterExtension static final SharedMariaDb db = new SharedMariaDb(3);

  private ScaleHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new ScaleHarness(db.servers(), ScaleLimits.defaults());
    h.startAll();
    h.lead(0);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  static WriteRequest sql(String s) {
    return new WriteRequest.Sql(Optional.empty(), s);
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void structuredWritesReplicate() throws Exception {
    h.write(0, new WriteRequest.Ddl(Optional.empty(), "CREATE DATABASE app"));
    h.write(
        0,
        new WriteRequest.Ddl(
            Optional.empty(),
            "CREATE TABLE app.users (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50), score DOUBLE, born DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6))"));
    WriteResult r =
        h.write(
            0,
            new WriteRequest.Insert(Optional.empty(), "users", map("name", "ann", "score", 1.5)));
    assertEquals(1, r.affectedRows());
    assertEquals(1, r.lastInsertId());
    h.write(0, new WriteRequest.Insert(Optional.empty(), "users", map("name", "bob")));
    h.write(
        0, new WriteRequest.Update(Optional.empty(), "users", map("score", 9), map("name", "bob")));
    h.write(0, new WriteRequest.Upsert(Optional.empty(), "users", map("id", 1, "name", "ann2")));
    WriteResult last =
        h.write(0, new WriteRequest.Delete(Optional.empty(), "users", map("name", "nobody")));
    assertEquals(0, last.affectedRows());
    h.awaitApplied(last.lsn(), Duration.ofSeconds(20));
    h.assertIdentical("SELECT * FROM app.users ORDER BY id", "app.users");
    assertTrue(h.servers.get(2).sql("SELECT name FROM app.users ORDER BY id").contains("ann2"));
  }

  @Test
  void followersRefuseWrites() throws Exception {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> h.write(1, sql("CREATE DATABASE nope")));
    assertTrue(e.getCause() instanceof wolf.scale.cluster.NotLeadingException, e.toString());
    assertNotEquals("nope", h.servers.get(1).sql("SHOW DATABASES LIKE 'nope'").strip());
  }
}
