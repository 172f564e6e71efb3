package wolf.scale.apply;

/** Per-second rates from running counts, turned over by a one-second tick. Actor-confined. */
final class ScaleRates {
  long writes;
  long applied;
  long writesTotal;
  long appliedTotal;
  double writesPerSecond;
  double appliedPerSecond;

  void tick() {
    writesPerSecond = writes;
    appliedPerSecond = applied;
    writesTotal += writes;
    appliedTotal += applied;
    writes = 0;
    applied = 0;
  }
}
