package wolf.scale.apply;

/**
 * The steps between which a crash matters; tests stop a node at one of them (see {@link
 * FaultHooks}) and check what a restart makes of the state left behind.
 */
public enum FaultPoint {
  /** Leader: the "DDL pending" marker is committed; the DDL has not run. */
  LEADER_DDL_MARKED,
  /** Leader: the DDL ran (and committed itself); nothing is logged yet. */
  LEADER_DDL_EXECUTED,
  /** Leader: the batch is appended and committed in the log; the local transaction is open. */
  LEADER_BEFORE_COMMIT,
  /** Follower: the "applying L" marker is committed; the DDL has not run. */
  FOLLOWER_DDL_MARKED,
  /** Follower: the DDL ran; the applied LSN still says L - 1. */
  FOLLOWER_DDL_EXECUTED,
  /** Follower: a group's statements and its applied LSN are written, not yet committed. */
  APPLY_BEFORE_COMMIT
}
