package wolf.cli.bench.repl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import wolf.scale.mariadb.MariaDbException;
import wolf.scale.mariadb.MariaDbServer;

/**
 * The baseline: MariaDB's own replication between independent {@link MariaDbServer}s, started the
 * same way as WolfScale's nodes. One primary with the binary log on ({@code --log-bin}, row-based),
 * {@code replicas} replicas following it by GTID ({@code MASTER_USE_GTID=slave_pos}, one SQL thread
 * each: MariaDB's defaults). Asynchronous at first; {@link #enableSemiSync()} turns on MariaDB's
 * built-in semi-synchronous replication ({@code AFTER_SYNC}) at runtime.
 *
 * <p>{@link #close()} stops every server it started. Not thread-safe.
 */
public final class NativeReplication implements AutoCloseable {
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

  private final List<MariaDbServer> servers;

  private NativeReplication(List<MariaDbServer> servers) {
    this.servers = servers;
  }

  /**
   * Starts the primary (server id {@code firstServerId}) and the replicas under {@code base} on
   * {@code ports}, sets up replication and creates {@code bench.t} through the primary.
   */
  public static NativeReplication start(Path base, int firstServerId, List<Integer> ports)
      throws Exception {
    List<MariaDbServer> started = startAll(base, firstServerId, ports);
    NativeReplication r = new NativeReplication(started);
    try {
      r.replicate();
      return r;
    } catch (Exception | Error e) {
      r.close();
      throw e;
    }
  }

  /**
   * Starts one server per port in parallel (mariadb-install-db dominates start-up); the first gets
   * the binary log. On failure the ones that did start are stopped.
   */
  private static List<MariaDbServer> startAll(Path base, int firstId, List<Integer> ports)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(ports.size());
    List<Future<MariaDbServer>> futures = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      int id = firstId + i;
      int port = ports.get(i);
      List<String> options =
          i == 0
              ? List.of("--log-bin=mysql-bin", "--binlog-format=ROW")
              : List.of("--relay-log=relay-bin");
      Path dir = base.resolve((i == 0 ? "primary-" : "replica-") + id);
      futures.add(pool.submit(() -> startServer(dir, port, id, options)));
    }
    pool.shutdown();
    List<MariaDbServer> servers = new ArrayList<>();
    Exception failure = null;
    for (Future<MariaDbServer> f : futures) {
      try {
        servers.add(f.get());
      } catch (java.util.concurrent.ExecutionException e) {
        failure = failure == null ? (Exception) e.getCause() : failure;
      }
    }
    if (failure != null) {
      servers.forEach(MariaDbServer::close);
      throw failure;
    }
    return servers;
  }

  /**
   * {@link MariaDbServer#start}, once more in a fresh directory if {@code mariadb-install-db}
   * fails: its bootstrap keeps temporary tables in the shared {@code /tmp}, and on this shared
   * machine one of them has vanished under it ("Can't find file '/tmp/#sql-temptable-….MAI'").
   */
  public static MariaDbServer startServer(Path dir, int port, int id, List<String> options)
      throws IOException {
    try {
      return MariaDbServer.start(dir, port, id, options);
    } catch (MariaDbException e) {
      if (!e.getMessage().startsWith("mariadb-install-db")) {
        throw e;
      }
      System.err.printf(
          "%s: %s; trying once more in a fresh directory%n",
          dir, e.getMessage().lines().findFirst().orElse(""));
      return MariaDbServer.start(
          dir.resolveSibling(dir.getFileName() + "-again"), port, id, options);
    }
  }

  private void replicate() throws IOException, InterruptedException {
    String pos = primary().sql("SELECT @@GLOBAL.gtid_binlog_pos").trim();
    for (MariaDbServer r : replicas()) {
      r.sql(
          "SET GLOBAL gtid_slave_pos = '"
              + pos
              + "'; CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = "
              + primary().port()
              + ", MASTER_USER = '"
              + MariaDbServer.USER
              + "', MASTER_PASSWORD = '"
              + MariaDbServer.PASSWORD
              + "', MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1; START SLAVE;");
    }
    primary().sql("CREATE DATABASE IF NOT EXISTS bench; " + Client.TABLE_DDL);
    for (MariaDbServer r : replicas()) {
      awaitTable(r);
    }
  }

  private static void awaitTable(MariaDbServer r) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + SETUP_TIMEOUT.toNanos();
    String q =
        "SELECT COUNT(*) FROM information_schema.tables"
            + " WHERE table_schema = 'bench' AND table_name = 't'";
    while (!"1".equals(r.sql(q).trim())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "replica "
                + r.serverId()
                + " did not replicate bench.t:\n"
                + r.sql("SHOW SLAVE STATUS\\G"));
      }
      Thread.sleep(50);
    }
  }

  /**
   * Turns on semi-synchronous replication, waiting for the ack after the binlog is synced ({@code
   * AFTER_SYNC}, the lossless setting), with a 10 s timeout before the primary falls back to
   * asynchronous; restarts the replicas' I/O threads so they register as semi-sync clients and
   * waits until the primary counts all of them.
   */
  public void enableSemiSync() throws IOException, InterruptedException {
    primary()
        .sql(
            "SET GLOBAL rpl_semi_sync_master_wait_point = 'AFTER_SYNC';"
                + " SET GLOBAL rpl_semi_sync_master_timeout = 10000;"
                + " SET GLOBAL rpl_semi_sync_master_enabled = ON;");
    for (MariaDbServer r : replicas()) {
      r.sql(
          "SET GLOBAL rpl_semi_sync_slave_enabled = ON;"
              + " STOP SLAVE IO_THREAD; START SLAVE IO_THREAD;");
    }
    long deadline = System.nanoTime() + SETUP_TIMEOUT.toNanos();
    while (!String.valueOf(replicas().size()).equals(semiSyncStatus("clients"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "semi-sync: the primary counts "
                + semiSyncStatus("clients")
                + " semi-sync replicas, expected "
                + replicas().size());
      }
      Thread.sleep(50);
    }
  }

  /** A primary status counter {@code Rpl_semi_sync_master_<name>} (e.g. clients, yes_tx, no_tx). */
  public String semiSyncStatus(String name) throws IOException {
    String row =
        primary().sql("SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_" + name + "'").trim();
    int tab = row.indexOf('\t');
    return tab < 0 ? "?" : row.substring(tab + 1).trim();
  }

  public MariaDbServer primary() {
    return servers.get(0);
  }

  public List<MariaDbServer> replicas() {
    return servers.subList(1, servers.size());
  }

  @Override
  public void close() {
    servers.forEach(MariaDbServer::close);
  }
}
