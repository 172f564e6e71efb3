package wolf.cli.bench.repl;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import wolf.scale.mariadb.MariaDbServer;

/**
 * The measurement of one replicated system (a MariaDB primary with replicas, or a WolfScale leader
 * with followers), whatever its writers talk to: the replicas are read directly over JDBC.
 * Stateless; one run at a time per system.
 */
public final class ReplicatedSystem {
  /** A replica (or follower) the probes read: its name in the tables and its MariaDB. */
  public record Replica(String name, String jdbcUrl) {}

  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(120);

  private ReplicatedSystem() {}

  /**
   * Runs the three phases on one system whose writes go through {@code writers}: lag at the paced
   * rate, lag and backlog at the maximum rate, throughput without probes. Waits after each phase
   * until every replica has caught up, so no phase inherits a backlog.
   */
  public static Figures measure(
      String system,
      Load.ClientFactory writers,
      List<Replica> replicas,
      Load.Spec paced,
      Load.Spec flatOut,
      PrintStream out)
      throws Exception {
    Figures f = new Figures(system);
    out.printf("-- %s: %.0f writes/s paced%n", system, paced.ratePerS());
    List<LagProbe> probes = probes(replicas);
    Load.Result moderate = Load.run(paced, writers, probes);
    stop(probes, moderate, f.moderate);
    failures(out, system, moderate);
    awaitCaughtUp(replicas, moderate);

    out.printf("-- %s: %d writers flat out, with probes%n", system, flatOut.threads());
    probes = probes(replicas);
    BacklogSampler sampler =
        new BacklogSampler(replicas.stream().map(r -> r.jdbcUrl()).collect(Collectors.toList()));
    List<AckListener> listeners = new ArrayList<>(probes);
    listeners.add(sampler);
    f.maxLoad = Load.run(flatOut, writers, listeners);
    List<Long> behind = new ArrayList<>();
    for (Replica r : replicas) {
      behind.add(f.maxLoad.lastId() - maxId(r.jdbcUrl()));
    }
    sampler.stop();
    if (sampler.failure() != null) {
      throw new IllegalStateException("backlog sampler failed", sampler.failure());
    }
    f.behindSeries.addAll(sampler.behind());
    stop(probes, f.maxLoad, f.atMax);
    failures(out, system, f.maxLoad);
    for (int i = 0; i < replicas.size(); i++) {
      f.backlog.add(
          new Figures.Backlog(
              replicas.get(i).name(),
              behind.get(i),
              catchUpMs(replicas.get(i).jdbcUrl(), f.maxLoad)));
    }

    out.printf("-- %s: %d writers flat out, no probes%n", system, flatOut.threads());
    f.throughput = Load.run(flatOut, writers, List.of());
    failures(out, system, f.throughput);
    f.notes.add(
        "after the throughput run the replicas caught up in "
            + awaitCaughtUp(replicas, f.throughput)
            + " ms");
    return f;
  }

  private static List<LagProbe> probes(List<Replica> replicas) throws Exception {
    List<LagProbe> probes = new ArrayList<>();
    for (Replica r : replicas) {
      probes.add(new LagProbe(r.name(), r.jdbcUrl()));
    }
    probes.forEach(LagProbe::start);
    return probes;
  }

  private static void stop(List<LagProbe> probes, Load.Result load, List<Figures.ReplicaLag> into)
      throws Exception {
    for (LagProbe p : probes) {
      p.stop();
      if (p.failure() != null) {
        throw new IllegalStateException("lag probe on " + p.name() + " failed", p.failure());
      }
      into.add(
          new Figures.ReplicaLag(p.name(), p.lags().window(load.from(), load.to()), p.missing()));
    }
  }

  private static void failures(PrintStream out, String system, Load.Result r) {
    if (r.failed() > 0) {
      out.printf("   %s: %d writes failed, first: %s%n", system, r.failed(), r.firstError());
    }
    if (r.ok() == 0) {
      throw new IllegalStateException(
          system + ": no write succeeded; first error " + r.firstError());
    }
  }

  /** The highest row id on a replica right now. */
  private static long maxId(String jdbcUrl) throws Exception {
    try (Connection c =
            DriverManager.getConnection(jdbcUrl, MariaDbServer.USER, MariaDbServer.PASSWORD);
        ResultSet rs =
            c.createStatement().executeQuery("SELECT COALESCE(MAX(id), 0) FROM bench.t")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Waits until every replica holds the run's last acknowledged row, so the next phase starts
   * without a backlog; returns each one's catch-up time in ms, joined with '/'.
   */
  private static String awaitCaughtUp(List<Replica> replicas, Load.Result r) throws Exception {
    List<String> ms = new ArrayList<>();
    for (Replica replica : replicas) {
      ms.add(Report.ms(catchUpMs(replica.jdbcUrl(), r)));
    }
    return String.join("/", ms);
  }

  /** Polls a replica until the run's last acknowledged row is there; ms since its ack, or NaN. */
  private static double catchUpMs(String jdbcUrl, Load.Result r) throws Exception {
    long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
    try (Connection c =
            DriverManager.getConnection(jdbcUrl, MariaDbServer.USER, MariaDbServer.PASSWORD);
        var select = c.prepareStatement("SELECT 1 FROM bench.t WHERE id = ?")) {
      select.setLong(1, r.lastId());
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = select.executeQuery()) {
          if (rs.next()) {
            return (System.nanoTime() - r.lastAckNanos()) / 1e6;
          }
        }
        Thread.sleep(1);
      }
    }
    return Double.NaN;
  }
}
