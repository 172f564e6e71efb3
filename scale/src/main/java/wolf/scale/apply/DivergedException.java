package wolf.scale.apply;

/**
 * This node's MariaDB holds a change the cluster's log does not (a DDL it executed as leader was
 * never logged). It must not apply or lead any more; resync it from a snapshot.
 */
public final class DivergedException extends Exception {
  public DivergedException(String message) {
    super(message);
  }
}
