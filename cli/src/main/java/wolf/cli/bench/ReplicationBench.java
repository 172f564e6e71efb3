package wolf.cli.bench;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import wolf.cli.bench.repl.Cleanup;
import wolf.cli.bench.repl.Client;
import wolf.cli.bench.repl.EchoServer;
import wolf.cli.bench.repl.Figures;
import wolf.cli.bench.repl.HealthGetter;
import wolf.cli.bench.repl.HttpRowWriter;
import wolf.cli.bench.repl.JdbcRowWriter;
import wolf.cli.bench.repl.LagProbe;
import wolf.cli.bench.repl.Load;
import wolf.cli.bench.repl.NativeReplication;
import wolf.cli.bench.repl.ReplicatedSystem;
import wolf.cli.bench.repl.Report;
import wolf.cli.bench.repl.Samples;
import wolf.cli.bench.repl.WolfScaleNodes;
import wolf.scale.mariadb.MariaDbServer;

/**
 * {@code ./run.sh bench replication [--seconds N] [--warmup N] [--rate R] [--clients C]
 * [--no-baselines] [--no-wolfscale] [--dir DIR]}: WolfScale's replication against MariaDB's own,
 * side by side in one run, every database an independent {@link MariaDbServer} on loopback.
 *
 * <p>Systems: a single MariaDB written directly (measured first and again last, the load of a
 * shared machine drifts; the ratio uses the mean); MariaDB GTID asynchronous replication (primary +
 * 2 replicas); the same servers with semi-synchronous replication ({@code AFTER_SYNC}); WolfScale,
 * 3 node JVMs, in {@code async} and {@code quorum} commit modes, written through the leader's
 * {@code POST /write/insert}. Every write is one autocommitted {@code INSERT INTO bench.t (k, v)}.
 *
 * <p>Per replicated system: (1) lag at a moderate paced rate, (2) lag at the maximum rate ({@code
 * clients} writers flat out) with how far behind each replica is when the writers stop and how long
 * it takes to catch up, (3) throughput with {@code clients} writers and no probes. Lag is measured
 * by one {@link LagProbe} per replica from the client's acknowledgement to the row being visible.
 *
 * <p>When this build does not serve the write API (404 or 405), WolfScale's part says so and the
 * baselines still run. Everything started is stopped, and the temp directory deleted, at the end,
 * on failure and on Ctrl-C.
 */
final class ReplicationBench {
  private static final String DIRECT = "MariaDB direct";
  private static final int PACED_THREADS = 4;
  private static final int REPLICAS = 2;

  private ReplicationBench() {}

  /** Run parameters; see the class comment. */
  record Options(
      Duration measure,
      Duration warmup,
      double rate,
      int clients,
      boolean baselines,
      boolean wolfScale,
      Path dir) {
    static Options parse(String[] args) {
      Duration measure = Duration.ofSeconds(10);
      Duration warmup = Duration.ofSeconds(3);
      double rate = 200;
      int clients = 16;
      boolean baselines = true;
      boolean wolfScale = true;
      Path dir = Path.of(System.getProperty("java.io.tmpdir"));
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--seconds" -> measure = seconds(args[++i]);
          case "--warmup" -> warmup = seconds(args[++i]);
          case "--rate" -> rate = Double.parseDouble(args[++i]);
          case "--clients" -> clients = Integer.parseInt(args[++i]);
          case "--no-baselines" -> baselines = false;
          case "--no-wolfscale" -> wolfScale = false;
          case "--dir" -> dir = Path.of(args[++i]);
          default ->
              throw new IllegalArgumentException(
                  "usage: bench replication [--seconds N] [--warmup N] [--rate R] [--clients C]"
                      + " [--no-baselines] [--no-wolfscale] [--dir DIR]; unknown "
                      + args[i]);
        }
      }
      return new Options(measure, warmup, rate, clients, baselines, wolfScale, dir);
    }

    private static Duration seconds(String s) {
      return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
    }
  }

  static void main(String[] args) throws Exception {
    Map<String, String> result = run(Options.parse(args), System.out);
    StringBuilder line = new StringBuilder("RESULT replication");
    result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    System.out.println(line);
  }

  /** Runs the benchmark, printing its tables to {@code out}; returns the RESULT keys in order. */
  static Map<String, String> run(Options o, PrintStream out) throws Exception {
    out.printf(
        "replication benchmark: JDK %s, %d cores, load %s; %d s warm-up + %d s per phase,"
            + " paced %.0f writes/s, %d clients at max%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        o.warmup().toSeconds(),
        o.measure().toSeconds(),
        o.rate(),
        o.clients());
    List<Figures> systems = new ArrayList<>();
    Files.createDirectories(o.dir());
    Path base = Files.createTempDirectory(o.dir(), "wolf-bench-replication");
    boolean wolfServed = false;
    String httpCeiling = "na";
    String httpClient = "na";
    try (Cleanup cleanup = new Cleanup()) {
      cleanup.deleteTree(base);
      String directUrl = null;
      if (o.baselines()) {
        // The replication trio starts while the direct server is measured: start-up is mostly
        // mariadb-install-db, and the trio idles meanwhile.
        CompletableFuture<NativeReplication> starting =
            CompletableFuture.supplyAsync(
                () -> cleanup.add(startNative(base.resolve("native"))), daemonThread());
        cleanup.add(() -> starting.handle((r, e) -> r).join()); // wait before cleaning up
        out.println("-- MariaDB direct: one server, no binary log, written over JDBC");
        MariaDbServer db =
            cleanup.add(
                NativeReplication.startServer(
                    base.resolve("direct"), Cleanup.freePort(), 100, List.of()));
        db.sql("CREATE DATABASE IF NOT EXISTS bench; " + Client.TABLE_DDL);
        directUrl = db.jdbcUrl("bench");
        systems.add(direct(o, DIRECT, directUrl));
        NativeReplication nat = join(starting);
        List<ReplicatedSystem.Replica> replicas = new ArrayList<>();
        for (MariaDbServer r : nat.replicas()) {
          replicas.add(new ReplicatedSystem.Replica("replica-" + r.serverId(), r.jdbcUrl("bench")));
        }
        String primaryUrl = nat.primary().jdbcUrl("bench");
        systems.add(
            replicated(
                o, "MariaDB async (GTID)", () -> new JdbcRowWriter(primaryUrl), replicas, out));
        nat.enableSemiSync();
        Figures semi =
            replicated(o, "MariaDB semi-sync", () -> new JdbcRowWriter(primaryUrl), replicas, out);
        semi.notes.add(
            "semi-sync acknowledged transactions "
                + nat.semiSyncStatus("yes_tx")
                + ", fell back to async "
                + nat.semiSyncStatus("no_tx")
                + ", status at the end "
                + nat.semiSyncStatus("status"));
        systems.add(semi);
        cleanup.release(nat);
      }
      if (o.wolfScale()) {
        httpClient = httpClientAlone(o, out);
        for (String mode : List.of("async", "quorum")) {
          out.printf("-- WolfScale %s: starting 3 nodes, each with its own MariaDB%n", mode);
          WolfScaleNodes nodes =
              cleanup.add(WolfScaleNodes.create(base.resolve("wolfscale-" + mode), 3, mode));
          nodes.start();
          if ("na".equals(httpCeiling)) {
            httpCeiling = httpCeiling(o, nodes, out);
          }
          if (!nodes.createSchema()) {
            out.println("WolfScale: write API not available in this build");
            cleanup.release(nodes);
            break;
          }
          wolfServed = true;
          List<ReplicatedSystem.Replica> followers = new ArrayList<>();
          for (int i = 0; i < nodes.followerIds().size(); i++) {
            followers.add(
                new ReplicatedSystem.Replica(
                    nodes.followerIds().get(i), nodes.followerJdbcUrls().get(i)));
          }
          String api = nodes.leaderApi();
          HttpClient http = HttpRowWriter.newClient();
          systems.add(
              replicated(
                  o, "WolfScale " + mode, () -> new HttpRowWriter(http, api), followers, out));
          cleanup.release(nodes);
        }
      }
      if (directUrl != null) {
        // Again at the end: the machine's load drifts over a run, and the ratio matters most.
        out.println("-- MariaDB direct, again");
        systems.add(direct(o, DIRECT + " (again)", directUrl));
      }
    }
    double direct = directTps(systems);
    Report.moderate(out, systems, o.rate());
    Report.atMax(out, systems, o.clients());
    Report.throughput(out, systems, o.clients(), direct);
    if (o.wolfScale() && !wolfServed) {
      out.println(
          "WolfScale: write API not available in this build (POST /write/* answered 404/405)");
    }
    out.printf("load at the end: %s%n", loadAverage());
    Map<String, String> keys = resultKeys(systems);
    keys.put("http_client_rps", httpClient);
    keys.put("http_health_rps", httpCeiling);
    return keys;
  }

  private static NativeReplication startNative(Path dir) {
    try {
      return NativeReplication.start(
          dir, 101, List.of(Cleanup.freePort(), Cleanup.freePort(), Cleanup.freePort()));
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  private static <T> T join(CompletableFuture<T> f) throws Exception {
    try {
      return f.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    }
  }

  private static Executor daemonThread() {
    return r -> {
      Thread t = new Thread(r, "native-start");
      t.setDaemon(true);
      t.start();
    };
  }

  private static Figures direct(Options o, String name, String url) throws Exception {
    Figures f = new Figures(name);
    f.throughput = Load.run(flatOut(o), () -> new JdbcRowWriter(url), List.of());
    return f;
  }

  /** The mean of the direct runs (start and end of the run), or 0 without baselines. */
  private static double directTps(List<Figures> systems) {
    return systems.stream()
        .filter(f -> f.system.startsWith(DIRECT))
        .mapToDouble(f -> f.throughput.perSecond())
        .average()
        .orElse(0);
  }

  private static Figures replicated(
      Options o,
      String system,
      Load.ClientFactory writers,
      List<ReplicatedSystem.Replica> replicas,
      PrintStream out)
      throws Exception {
    Load.Spec paced = new Load.Spec(PACED_THREADS, o.rate(), o.warmup(), o.measure());
    return ReplicatedSystem.measure(system, writers, replicas, paced, flatOut(o), out);
  }

  private static Load.Spec flatOut(Options o) {
    return new Load.Spec(o.clients(), 0, o.warmup(), o.measure());
  }

  /** The benchmark's HTTP client against a trivial in-process server: its own cost. */
  private static String httpClientAlone(Options o, PrintStream out) throws Exception {
    try (EchoServer echo = new EchoServer(4)) {
      HttpClient http = HttpRowWriter.newClient();
      Load.Result r = Load.run(flatOut(o), () -> new HttpRowWriter(http, echo.url()), List.of());
      out.printf(
          "HTTP client alone (one JDK HttpClient -> in-process JDK HttpServer, fixed answer,"
              + " %d clients): %.0f requests/s, p50 %s ms, p99 %s ms%n",
          o.clients(),
          r.perSecond(),
          Report.ms(r.latencies().quantileMs(0.5)),
          Report.ms(r.latencies().quantileMs(0.99)));
      return num(r.perSecond(), 0);
    }
  }

  /** {@code GET /health} flat out: what the HTTP path alone allows, without the database. */
  private static String httpCeiling(Options o, WolfScaleNodes nodes, PrintStream out)
      throws Exception {
    String api = nodes.leaderApi();
    HttpClient http = HttpRowWriter.newClient();
    Load.Result r = Load.run(flatOut(o), () -> new HealthGetter(http, api), List.of());
    out.printf(
        "HTTP alone (JDK HttpClient -> leader GET /health, %d clients): %.0f requests/s, p50 %s ms,"
            + " p99 %s ms%n",
        o.clients(),
        r.perSecond(),
        Report.ms(r.latencies().quantileMs(0.5)),
        Report.ms(r.latencies().quantileMs(0.99)));
    return num(r.perSecond(), 0);
  }

  private static Map<String, String> resultKeys(List<Figures> systems) {
    Map<String, String> k = new LinkedHashMap<>();
    lagKeys(k, "lag", find(systems, "WolfScale quorum"));
    lagKeys(k, "native_lag", find(systems, "MariaDB async (GTID)"));
    k.put("tps_quorum", tps(find(systems, "WolfScale quorum")));
    double direct = directTps(systems);
    k.put("tps_direct", direct > 0 ? num(direct, 0) : "na");
    lagKeys(k, "async_lag", find(systems, "WolfScale async"));
    lagKeys(k, "semisync_lag", find(systems, "MariaDB semi-sync"));
    k.put(
        "max_lag_p99_ms",
        find(systems, "WolfScale quorum")
            .map(f -> num(Figures.pooled(f.atMax).quantileMs(0.99), 3))
            .orElse("na"));
    k.put(
        "native_max_lag_p99_ms",
        find(systems, "MariaDB async (GTID)")
            .map(f -> num(Figures.pooled(f.atMax).quantileMs(0.99), 3))
            .orElse("na"));
    k.put("tps_async", tps(find(systems, "WolfScale async")));
    k.put("tps_semisync", tps(find(systems, "MariaDB semi-sync")));
    k.put("tps_native_async", tps(find(systems, "MariaDB async (GTID)")));
    return k;
  }

  private static void lagKeys(Map<String, String> k, String prefix, Optional<Figures> f) {
    Samples s = f.map(x -> Figures.pooled(x.moderate)).orElse(null);
    k.put(prefix + "_p50_ms", s == null ? "na" : num(s.quantileMs(0.5), 3));
    k.put(prefix + "_p99_ms", s == null ? "na" : num(s.quantileMs(0.99), 3));
  }

  private static String tps(Optional<Figures> f) {
    return f.filter(x -> x.throughput != null)
        .map(x -> num(x.throughput.perSecond(), 0))
        .orElse("na");
  }

  private static Optional<Figures> find(List<Figures> systems, String name) {
    return systems.stream().filter(f -> f.system.equals(name)).findFirst();
  }

  private static String num(double v, int decimals) {
    return Double.isNaN(v) ? "na" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
