package wolf.cli.bench.repl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import wolf.cli.local.LocalCluster;

/**
 * The system under test: {@code n} WolfScale node JVMs on loopback ({@link LocalCluster}), each
 * with its own MariaDB, in one commit mode. Writes go to the leader's HTTP write API; the lag
 * probes read the followers' MariaDBs directly. {@link #close()} kills the nodes and stops the
 * databases. Not thread-safe.
 */
public final class WolfScaleNodes implements AutoCloseable {
  /** How long the leader may answer 503 (not ready yet) before the schema set-up gives up. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Heap, and the full JIT as {@code bin/wolf-java} runs a node: {@link LocalCluster} stops at C1
   * for quick start-up, which would understate a throughput figure. The last flag wins.
   */
  private static final List<String> JVM_ARGS = List.of("-Xmx512m", "-XX:TieredStopAtLevel=4");

  private final LocalCluster cluster;
  private int leader = -1;

  private WolfScaleNodes(LocalCluster cluster) {
    this.cluster = cluster;
  }

  /**
   * Writes the configs of {@code n} nodes with {@code commit_mode = mode} under {@code base};
   * starts nothing yet, so the caller can register it for clean-up before {@link #start()}.
   */
  public static WolfScaleNodes create(Path base, int n, String mode) throws IOException {
    LocalCluster c = LocalCluster.create(base, "bench-" + mode, n, JVM_ARGS);
    c.setClusterOptions("commit_mode = \"" + mode + "\"");
    return new WolfScaleNodes(c);
  }

  /** Starts each node's MariaDB and the node JVMs, and waits until they agree on a leader. */
  public void start() throws IOException, InterruptedException {
    cluster.startDatabases();
    for (int i = 0; i < cluster.nodes().size(); i++) {
      cluster.start(i, i == 0);
    }
    String id = cluster.awaitFormed(Duration.ofSeconds(120));
    for (int i = 0; i < cluster.nodes().size(); i++) {
      if (cluster.node(i).id().equals(id)) {
        leader = i;
      }
    }
  }

  /**
   * Creates {@code bench} and {@code bench.t} through the leader's {@code /write/ddl}, retrying
   * while it answers 503 (not ready yet) or cannot be reached.
   *
   * @return false when the write API answers 404 or 405: this build does not serve writes
   * @throws IOException on any other answer, or when the leader is not ready within {@link
   *     #READY_TIMEOUT}
   */
  public boolean createSchema() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      try {
        HttpRowWriter.ddl(leaderApi(), "CREATE DATABASE IF NOT EXISTS bench", null);
        HttpRowWriter.ddl(leaderApi(), Client.TABLE_DDL, "bench");
        return true;
      } catch (HttpRowWriter.WriteApiMissingException e) {
        return false;
      } catch (IOException e) {
        boolean retry = !(e instanceof HttpRowWriter.StatusException s) || s.status() == 503;
        if (!retry || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(250);
      }
    }
  }

  public String leaderId() {
    return cluster.node(leader).id();
  }

  public String leaderApi() {
    return cluster.node(leader).apiUrl();
  }

  /** Node ids of the followers, in node order. */
  public List<String> followerIds() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < cluster.nodes().size(); i++) {
      if (i != leader) {
        ids.add(cluster.node(i).id());
      }
    }
    return ids;
  }

  /** JDBC URLs of the followers' own MariaDBs, in the order of {@link #followerIds()}. */
  public List<String> followerJdbcUrls() {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < cluster.nodes().size(); i++) {
      if (i != leader) {
        urls.add(cluster.database(i).jdbcUrl("bench"));
      }
    }
    return urls;
  }

  /** The last lines of the leader's log, for error messages. */
  public String leaderLogTail() {
    return cluster.logTail(cluster.node(leader));
  }

  @Override
  public void close() {
    cluster.close();
  }
}
