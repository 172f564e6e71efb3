package wolf.scale.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import wolf.scale.log.EntryKind;
import wolf.scale.log.LoggedStatement;
import wolf.scale.log.ScaleEntry;
import wolf.scale.log.SessionState;
import wolf.scale.log.StatementContext;
import wolf.scale.sql.PlannedWrite;
import wolf.scale.sql.SqlDialect;
import wolf.scale.write.SqlWriteException;

/**
 * The leader's side of a write: runs a batch of planned writes in one MariaDB transaction on one
 * connection, each with a fresh pinned timestamp and RAND seeds, and turns each success into the
 * log entry that replays it. The caller appends the entries, then {@link #commit}s (which moves the
 * applied LSN in the same transaction) or {@link #abort}s.
 *
 * <ul>
 *   <li>An SQL error fails only its write: InnoDB rolls the statement back and the transaction goes
 *       on; MariaDB's error goes to that caller and nothing is logged for it. A deadlock (1213) or
 *       lock wait timeout (1205) may have rolled back the whole transaction: it is rolled back and
 *       the batch's other writes re-run. A broken connection fails the whole batch ({@link
 *       SQLException}); nothing was logged.
 *   <li>A DDL write is a batch of its own and uses the DDL marker: marker committed (leader, LSN =
 *       applied + 1, term, hash) → DDL → (append) → applied LSN and marker removal committed. If
 *       the DDL fails, the marker is removed and the error returned. If the append fails, the
 *       marker stays: the {@link Applier} settles it from the log (see there).
 *   <li>Timestamps never go backwards on one leader, even if the clock does.
 * </ul>
 *
 * Not thread-safe: JDBC thread only. Works only on tables of a transactional engine (InnoDB): a
 * non-transactional table cannot be rolled back when a write fails or an append does.
 */
final class LeaderExecutor implements AutoCloseable {

  /**
   * One write's outcome: an entry to log and MariaDB's answer, or the failure for its caller.
   *
   * @param payload the encoded {@link ScaleEntry} (null when failed)
   */
  record Result(byte[] payload, long affectedRows, long insertId, RuntimeException failure) {
    boolean ok() {
      return failure == null;
    }
  }

  /** A batch's outcomes, in request order; {@code ddl} batches hold exactly one. */
  record Batch(List<Result> results, boolean ddl) {
    List<byte[]> payloads() {
      List<byte[]> out = new ArrayList<>();
      results.stream().filter(Result::ok).forEach(r -> out.add(r.payload()));
      return out;
    }
  }

  private final LocalDatabase db;
  private final Position position;
  private final FaultHooks hooks;
  private final long idleCheckNanos;
  private Session session;
  private SessionState state;
  private long lastTimestamp;
  private long lastUsedNanos;

  /**
   * @param idleCheck after this long unused the connection is validated before use
   */
  LeaderExecutor(
      LocalDatabase db, Position position, FaultHooks hooks, java.time.Duration idleCheck) {
    this.db = db;
    this.position = position;
    this.hooks = hooks;
    this.idleCheckNanos = idleCheck.toNanos();
  }

  /** Connects if needed and reads the session; its lexical dialect (from its sql_mode). */
  SqlDialect open() throws SQLException {
    if (session != null
        && System.nanoTime() - lastUsedNanos > idleCheckNanos
        && !session.connection().isValid(2)) {
      reset(); // closed by the server while idle: reconnect rather than fail the batch
    }
    lastUsedNanos = System.nanoTime();
    if (session == null) {
      Connection c = db.open();
      try {
        session = new Session(c);
        state = session.readState();
        c.commit();
      } catch (SQLException e) {
        LocalDatabase.closeQuietly(c);
        session = null;
        throw e;
      }
    }
    if (position.stale()) {
      position.reload(session.connection());
    }
    return SqlDialect.of(state.sqlMode());
  }

  /**
   * Runs {@code writes} (one DDL alone, or DML), leaving a DML batch's transaction open.
   *
   * @throws SQLException the connection broke: nothing is logged; the batch failed as a whole
   * @throws DivergedException a leader DDL marker is present: an earlier DDL was never settled
   */
  Batch execute(List<PlannedWrite> writes, long term) throws SQLException, DivergedException {
    open();
    Optional<DdlMarker> m = position.marker();
    if (m.isPresent()) {
      throw new DivergedException(
          "a DDL marker for LSN "
              + m.get().lsn()
              + " is unsettled; this node cannot execute writes");
    }
    if (writes.size() == 1 && writes.get(0).ddl()) {
      return ddl(writes.get(0), term);
    }
    Result[] results = new Result[writes.size()];
    boolean again = true;
    while (again) {
      again = false;
      for (int i = 0; i < results.length; i++) {
        if (results[i] != null && !results[i].ok()) {
          continue;
        }
        try {
          results[i] = executeOne(writes.get(i));
        } catch (SQLException e) {
          brokenConnection(e);
          results[i] = failed(e);
          if (e.getErrorCode() == 1213 || e.getErrorCode() == 1205) {
            session.connection().rollback();
            for (int k = 0; k < results.length; k++) {
              results[k] = results[k] != null && !results[k].ok() ? results[k] : null;
            }
            again = true;
            break;
          }
        }
      }
    }
    return new Batch(Arrays.asList(results), false);
  }

  private Batch ddl(PlannedWrite w, long term) throws SQLException {
    Connection c = session.connection();
    DdlMarker mk = new DdlMarker(true, position.lsn() + 1, term, DdlMarker.hash(w.sql()), w.sql());
    Bookkeeping.putMarker(c, mk);
    position.marker(Optional.of(mk));
    hooks.at(FaultPoint.LEADER_DDL_MARKED);
    Result r;
    try {
      r = executeOne(w);
    } catch (SQLException e) {
      brokenConnection(e); // the marker stays: whether the DDL ran is unknown
      Bookkeeping.clearMarker(c);
      c.commit();
      position.marker(Optional.empty());
      return new Batch(List.of(failed(e)), true);
    }
    hooks.at(FaultPoint.LEADER_DDL_EXECUTED);
    return new Batch(List.of(r), true);
  }

  private Result executeOne(PlannedWrite w) throws SQLException {
    long ts = Math.max(lastTimestamp, nowMicros());
    lastTimestamp = ts;
    long s1 = ThreadLocalRandom.current().nextLong(1L << 30);
    long s2 = ThreadLocalRandom.current().nextLong(1L << 30);
    session.pinLeader(ts, s1, s2);
    try {
      session.useSchema(w.schema());
    } catch (SQLException e) {
      if (w.schemaRequired() || e.getErrorCode() != 1049) {
        throw e;
      }
    }
    OptionalLong last =
        w.readsLastInsertId() ? OptionalLong.of(session.lastInsertId()) : OptionalLong.empty();
    StatementRunner.Outcome o = StatementRunner.run(session.connection(), w.sql(), w.params());
    LoggedStatement s =
        new LoggedStatement(
            w.sql(),
            w.params(),
            session.schema(),
            new StatementContext(ts, s1, s2, o.insertId(), last),
            state);
    byte[] payload = new ScaleEntry(w.ddl() ? EntryKind.DDL : EntryKind.DML, List.of(s)).encode();
    return new Result(payload, o.affectedRows(), o.insertId(), null);
  }

  /**
   * The batch's entries are committed in the log from {@code firstLsn}: records the applied LSN in
   * the batch's transaction and commits it.
   *
   * @throws SQLException the commit's outcome is unknown (position marked stale, connection reset)
   * @throws DivergedException the log placed the entries elsewhere than right after the applied LSN
   */
  void commit(Batch b, long firstLsn, long term) throws SQLException, DivergedException {
    Connection c = session.connection();
    long last = firstLsn + b.payloads().size() - 1;
    if (firstLsn != position.lsn() + 1) {
      abort(b);
      throw new DivergedException(
          "the log placed this leader's writes at LSN "
              + firstLsn
              + " but it has applied only up to "
              + position.lsn());
    }
    try {
      Bookkeeping.advance(c, position.lsn(), last, term);
      if (b.ddl()) {
        Bookkeeping.clearMarker(c);
      }
      hooks.at(FaultPoint.LEADER_BEFORE_COMMIT);
      c.commit();
    } catch (SQLException e) {
      reset();
      throw e;
    }
    position.committed(last, term);
    if (b.ddl()) {
      position.marker(Optional.empty());
    }
  }

  /** Nothing of the batch is logged (or may not be): rolls back. A DDL's marker stays. */
  void abort(Batch b) {
    if (session == null || b.ddl()) {
      return;
    }
    try {
      session.connection().rollback();
    } catch (SQLException e) {
      reset();
    }
  }

  private void brokenConnection(SQLException e) throws SQLException {
    if (LocalDatabase.isConnectionError(e)) {
      reset();
      throw e;
    }
  }

  private static Result failed(SQLException e) {
    return new Result(
        null,
        0,
        0,
        new SqlWriteException(e.getErrorCode(), e.getSQLState(), LocalDatabase.serverMessage(e)));
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /** Forgets the connection; the position is re-read on the next use. */
  void reset() {
    if (session != null) {
      LocalDatabase.closeQuietly(session.connection());
      session = null;
    }
    position.markStale();
  }

  @Override
  public void close() {
    reset();
  }
}
