package wolf.scale.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import wolf.config.DatabaseSettings;
import wolf.scale.WolfScale;
import wolf.scale.mariadb.MariaDbServer;
import wolf.scale.write.WriteRequest;
import wolf.scale.write.WriteResult;

/**
 * Several WolfScale nodes in one JVM, each on its own real MariaDB, sharing a {@link
 * FakeLogCluster}. Every server's user databases (and the {@code wolfscale} schema) are dropped
 * first, so each test starts from empty servers.
 */
final class ScaleHarness implements AutoCloseable {
  private static final Set<String> SYSTEM_SCHEMAS =
      Set.of("information_schema", "mysql", "performance_schema", "sys");

  final ActorSystem<Void> system;
  final FakeLogCluster log = new FakeLogCluster();
  final List<MariaDbServer> servers;
  final WolfScale[] nodes;
  final ScaleLimits limits;
  final FaultHooks[] hooks;

  ScaleHarness(List<MariaDbServer> servers, ScaleLimits limits) throws IOException {
    this.servers = servers;
    this.limits = limits;
    this.nodes = new WolfScale[servers.size()];
    this.hooks = new FaultHooks[servers.size()];
    java.util.Arrays.fill(hooks, FaultHooks.NONE);
    for (MariaDbServer s : servers) {
      reset(s);
    }
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "scale-test",
            ConfigFactory.parseString("pekko.loglevel = WARNING")
                .withFallback(ConfigFactory.load()));
  }

  /** Three-node harness on {@code servers}, node 0 leading, {@code setup} statements written. */
  static ScaleHarness leading(List<MariaDbServer> servers, String... setup) throws Exception {
    ScaleHarness h = new ScaleHarness(servers, ScaleLimits.defaults());
    h.startAll();
    h.lead(0);
    long last = 0;
    for (String s : setup) {
      last = h.write(0, new WriteRequest.Sql(java.util.Optional.empty(), s)).lsn();
    }
    h.awaitApplied(last, Duration.ofSeconds(30));
    return h;
  }

  /** Thrown by a crash hook: the node dies at a {@link FaultPoint}. */
  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(FaultPoint p) {
      super("simulated crash at " + p);
    }
  }

  /**
   * A hook that, the first time {@code point} is reached on node {@code i}, stops the node's actor
   * (so it takes no further step) and aborts the JDBC task, whose connection is then dropped: the
   * database is left as a process crash at that point would leave it.
   */
  FaultHooks crashOnceAt(int i, FaultPoint point) {
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    return p -> {
      if (p == point && done.compareAndSet(false, true)) {
        nodes[i].node().tell(ScaleNode.Stop.INSTANCE);
        crashed.add(i);
        throw new SimulatedCrash(p);
      }
    };
  }

  final java.util.Set<Integer> crashed = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static void reset(MariaDbServer s) throws IOException {
    StringBuilder drop = new StringBuilder();
    for (String db : s.sql("SHOW DATABASES").strip().split("\n")) {
      if (!db.isBlank() && !SYSTEM_SCHEMAS.contains(db.strip())) {
        drop.append("DROP DATABASE `").append(db.strip()).append("`; ");
      }
    }
    if (drop.length() > 0) {
      s.sql(drop.toString());
    }
  }

  static String id(int i) {
    return "node-" + (i + 1);
  }

  static DatabaseSettings settings(MariaDbServer s, String database) {
    return new DatabaseSettings(
        "127.0.0.1", s.port(), MariaDbServer.USER, MariaDbServer.PASSWORD, database, 1);
  }

  WolfScale start(int i) {
    nodes[i] =
        WolfScale.start(
            system, id(i), settings(servers.get(i), "app"), log.node(id(i)), limits, hooks[i]);
    return nodes[i];
  }

  void startAll() {
    for (int i = 0; i < nodes.length; i++) {
      start(i);
    }
  }

  /** Stops node {@code i} (its actor and JDBC thread), as a process crash would. */
  void stop(int i) throws InterruptedException {
    if (nodes[i] != null) {
      nodes[i].close();
      nodes[i] = null;
    }
  }

  WriteResult write(int i, WriteRequest r) throws Exception {
    return nodes[i].writes().write(r).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  ScaleStatus status(int i) throws Exception {
    return nodes[i].status().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Waits until every running node has applied {@code lsn} (or fails after {@code timeout}). */
  void awaitApplied(long lsn, Duration timeout) throws Exception {
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] != null) {
        int n = i;
        await(
            () -> statusOrNull(n) != null && statusOrNull(n).appliedLsn() >= lsn,
            timeout,
            "node " + id(i) + " to apply LSN " + lsn + " (status " + statusOrNull(n) + ")");
      }
    }
  }

  /** Makes node {@code leader} lead and waits until it executes writes. */
  void lead(int leader) throws Exception {
    log.lead(id(leader));
    awaitMode(leader, "leading");
  }

  void awaitMode(int i, String mode) throws Exception {
    await(
        () -> statusOrNull(i) != null && statusOrNull(i).mode().equals(mode),
        Duration.ofSeconds(20),
        id(i) + " to be " + mode + " (status " + statusOrNull(i) + ")");
  }

  private ScaleStatus statusOrNull(int i) {
    try {
      return status(i);
    } catch (Exception e) {
      return null;
    }
  }

  static void await(BooleanSupplier cond, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Asserts every server has the same rows in {@code query} (and CHECKSUM TABLE for each table).
   */
  void assertIdentical(String query, String... tables) throws IOException {
    String first = servers.get(0).sql(query);
    for (int i = 1; i < servers.size(); i++) {
      assertEquals(first, servers.get(i).sql(query), "rows differ on " + id(i) + ": " + query);
    }
    for (String t : tables) {
      String sum = servers.get(0).sql("CHECKSUM TABLE " + t);
      for (int i = 1; i < servers.size(); i++) {
        assertEquals(
            sum, servers.get(i).sql("CHECKSUM TABLE " + t), "CHECKSUM TABLE " + t + " on " + id(i));
      }
    }
  }

  static String checksum(MariaDbServer s, String table) throws IOException {
    return s.sql("CHECKSUM TABLE " + table).strip().split("\t")[1];
  }

  List<String> checksums(String table) throws IOException {
    List<String> out = new ArrayList<>();
    for (MariaDbServer s : servers) {
      out.add(checksum(s, table));
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = 0; i < nodes.length; i++) {
      stop(i);
    }
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
