package wolf.cli.bench.repl;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints the benchmark's tables from the {@link Figures} of every system. Stateless. */
public final class Report {
  private Report() {}

  public static void moderate(PrintStream out, List<Figures> systems, double rate) {
    out.printf(
        "%nReplication lag at %.0f writes/s (paced, open loop): acknowledgement on the primary or"
            + " leader -> row visible on the replica%n",
        rate);
    row(
        out,
        "%-24s %-10s %8s %8s %8s %8s %8s",
        "system",
        "replica",
        "samples",
        "p50 ms",
        "p99 ms",
        "max ms",
        "missing");
    for (Figures f : systems) {
      if (f.moderate.isEmpty()) {
        continue;
      }
      for (Figures.ReplicaLag l : f.moderate) {
        lagRow(out, f.system, l.replica(), l.lags(), l.missing());
      }
      int missing = f.moderate.stream().mapToInt(Figures.ReplicaLag::missing).sum();
      lagRow(out, f.system, "all", Figures.pooled(f.moderate), missing);
    }
  }

  private static void lagRow(PrintStream out, String sys, String rep, Samples s, int missing) {
    row(
        out,
        "%-24s %-10s %8d %8s %8s %8s %8d",
        sys,
        rep,
        s.size(),
        ms(s.quantileMs(0.5)),
        ms(s.quantileMs(0.99)),
        ms(s.maxMs()),
        missing);
  }

  public static void atMax(PrintStream out, List<Figures> systems, int clients) {
    out.printf(
        "%nReplication lag at the maximum rate (%d writers flat out, one probe per replica);"
            + " 'behind' = row ids a replica lacks of those acknowledged (mean of both replicas,"
            + " sampled every 100 ms)%n",
        clients);
    String f = "%-24s %9s %7s %9s %9s %9s %9s %9s %9s %11s %15s";
    row(
        out,
        f,
        "system",
        "writes/s",
        "samples",
        "p50 ms",
        "p99 ms",
        "p50 ms",
        "p50 ms",
        "behind",
        "behind",
        "behind",
        "catch-up ms");
    row(
        out,
        f,
        "",
        "",
        "",
        "",
        "",
        "first 20%",
        "last 20%",
        "first 20%",
        "last 20%",
        "at stop",
        "after stop");
    for (Figures s : systems) {
      if (s.maxLoad == null) {
        continue;
      }
      Samples all = Figures.pooled(s.atMax);
      row(
          out,
          "%-24s %9.0f %7d %9s %9s %9s %9s %9s %9s %11s %15s",
          s.system,
          s.maxLoad.perSecond(),
          all.size(),
          ms(all.quantileMs(0.5)),
          ms(all.quantileMs(0.99)),
          ms(s.maxFifthP50(false)),
          ms(s.maxFifthP50(true)),
          count(s.maxFifthBehind(false)),
          count(s.maxFifthBehind(true)),
          s.backlog.stream()
              .map(b -> Long.toString(b.idsBehind()))
              .collect(Collectors.joining("/")),
          s.backlog.stream().map(b -> count(b.catchUpMs())).collect(Collectors.joining("/")));
    }
  }

  private static String count(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }

  public static void throughput(
      PrintStream out, List<Figures> systems, int clients, double direct) {
    out.printf("%nWrite throughput, %d clients flat out, no probes%n", clients);
    row(
        out,
        "%-24s %9s %8s %8s %9s %8s",
        "system",
        "writes/s",
        "p50 ms",
        "p99 ms",
        "vs direct",
        "failed");
    for (Figures f : systems) {
      Load.Result r = f.throughput;
      if (r == null) {
        continue;
      }
      row(
          out,
          "%-24s %9.0f %8s %8s %9s %8d",
          f.system,
          r.perSecond(),
          ms(r.latencies().quantileMs(0.5)),
          ms(r.latencies().quantileMs(0.99)),
          direct > 0 ? String.format(Locale.ROOT, "%.2f", r.perSecond() / direct) : "-",
          r.failed());
    }
    for (Figures f : systems) {
      f.notes.forEach(n -> out.printf("  %s: %s%n", f.system, n));
    }
  }

  /** Milliseconds with 3 decimals, or {@code -} for none. */
  public static String ms(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static void row(PrintStream out, String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
  }
}
