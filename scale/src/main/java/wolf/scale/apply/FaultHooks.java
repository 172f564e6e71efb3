package wolf.scale.apply;

/**
 * A test-only seam: called at each {@link FaultPoint} on the JDBC thread. A test hook throws (e.g.
 * a {@code SimulatedCrash}) to stop the node right there; production uses {@link #NONE}.
 */
@FunctionalInterface
public interface FaultHooks {
  FaultHooks NONE = p -> {};

  void at(FaultPoint point);
}
