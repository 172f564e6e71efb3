package wolf.scale.apply;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import wolf.actors.replication.NotLeaderException;
import wolf.actors.replication.ReplicatedLog;
import wolf.scale.sql.PlannedWrite;

/**
 * One leader batch from end to end, as a single {@code CompletionStage}: execute on the JDBC thread
 * → append the successful writes' entries to the log → commit the local transaction with the
 * applied LSN (or roll it back when the append failed). Never fails: every way it can end is an
 * {@link Outcome}. Stateless.
 */
final class BatchRun {

  /** How a batch ended. */
  enum Kind {
    /** Logged from {@code firstLsn} and committed locally. */
    COMMITTED,
    /** Logged from {@code firstLsn}, but the local commit's outcome is unknown. */
    LOGGED_LOCAL_UNKNOWN,
    /** Every write failed on its own (its MariaDB error); nothing was logged. */
    NOTHING_TO_LOG,
    /** The local MariaDB failed (connection); nothing was logged. */
    LOCAL_FAILED,
    /** The log refused the append (not leader); nothing was logged; rolled back. */
    NOT_LEADER,
    /** The append's outcome is unknown; rolled back locally; the records may still commit. */
    OUTCOME_UNKNOWN,
    /** This node's database no longer matches the log. */
    DIVERGED
  }

  /**
   * @param batch the per-write results (null when execution itself failed)
   * @param firstLsn the first LSN, when logged
   * @param cause what went wrong, if anything
   */
  record Outcome(Kind kind, LeaderExecutor.Batch batch, long firstLsn, Throwable cause) {}

  private BatchRun() {}

  static CompletionStage<Outcome> run(
      ScaleDatabase db, ReplicatedLog log, List<PlannedWrite> writes, long term) {
    return db.execute(writes, term)
        .handle((b, e) -> e == null ? append(db, log, b, term) : done(failedExecute(cause(e))))
        .thenCompose(s -> s);
  }

  private static Outcome failedExecute(Throwable t) {
    return new Outcome(
        t instanceof DivergedException ? Kind.DIVERGED : Kind.LOCAL_FAILED, null, -1, t);
  }

  private static CompletionStage<Outcome> append(
      ScaleDatabase db, ReplicatedLog log, LeaderExecutor.Batch b, long term) {
    List<byte[]> payloads = b.payloads();
    if (payloads.isEmpty()) {
      return db.abort(b).handle((d, e) -> new Outcome(Kind.NOTHING_TO_LOG, b, -1, null));
    }
    return log.append(payloads)
        .handle(
            (first, e) -> {
              if (e == null) {
                return db.commit(b, first, term)
                    .handle((a, ce) -> committed(b, first, ce == null ? null : cause(ce)));
              }
              Throwable t = cause(e);
              Kind k = t instanceof NotLeaderException ? Kind.NOT_LEADER : Kind.OUTCOME_UNKNOWN;
              return db.abort(b).handle((d, ae) -> new Outcome(k, b, -1, t));
            })
        .thenCompose(s -> s);
  }

  private static Outcome committed(LeaderExecutor.Batch b, long first, Throwable t) {
    if (t == null) {
      return new Outcome(Kind.COMMITTED, b, first, null);
    }
    return new Outcome(
        t instanceof DivergedException ? Kind.DIVERGED : Kind.LOGGED_LOCAL_UNKNOWN, b, first, t);
  }

  private static CompletionStage<Outcome> done(Outcome o) {
    return CompletableFuture.completedFuture(o);
  }

  static Throwable cause(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
