package wolf.cli.bench.repl;

import java.util.ArrayList;
import java.util.List;

/**
 * What the benchmark measured for one system (a baseline or a WolfScale commit mode). Filled by the
 * one thread that runs the benchmark; fields a system does not have stay empty / null.
 */
public final class Figures {
  /** Lag of one replica in one phase. */
  public record ReplicaLag(String replica, Samples lags, int missing) {}

  /** How far one replica was behind when the writers stopped at the maximum rate. */
  public record Backlog(String replica, long idsBehind, double catchUpMs) {}

  public final String system;

  /** Moderate rate: one entry per replica. */
  public final List<ReplicaLag> moderate = new ArrayList<>();

  /** Maximum rate: one entry per replica, and the load that made it. */
  public final List<ReplicaLag> atMax = new ArrayList<>();

  public final List<Backlog> backlog = new ArrayList<>();

  /** Maximum rate: per replica, ids behind the highest acknowledged id, sampled over the run. */
  public final List<Samples> behindSeries = new ArrayList<>();

  public Load.Result maxLoad;

  /** Throughput run without probes. */
  public Load.Result throughput;

  /** Free text shown under the tables, e.g. semi-sync counters. */
  public final List<String> notes = new ArrayList<>();

  public Figures(String system) {
    this.system = system;
  }

  public static Samples pooled(List<ReplicaLag> lags) {
    return Samples.merge(lags.stream().map(ReplicaLag::lags).toList());
  }

  /** Median lag of the writes acknowledged in the first (or last) fifth of the max-rate window. */
  public double maxFifthP50(boolean last) {
    return fifth(pooled(atMax), last).quantileMs(0.5);
  }

  /** Mean ids behind over all replicas in the first (or last) fifth of the max-rate window. */
  public double maxFifthBehind(boolean last) {
    return fifth(Samples.merge(behindSeries), last).mean();
  }

  private Samples fifth(Samples s, boolean last) {
    long from = maxLoad.from();
    long fifth = (maxLoad.to() - from) / 5;
    long start = last ? maxLoad.to() - fifth : from;
    return s.window(start, start + fifth);
  }
}
