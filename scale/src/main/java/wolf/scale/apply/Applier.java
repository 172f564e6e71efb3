package wolf.scale.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.actors.wal.WalRecord;
import wolf.scale.log.EntryFormatException;
import wolf.scale.log.EntryKind;
import wolf.scale.log.LoggedStatement;
import wolf.scale.log.ScaleEntry;
import wolf.scale.sql.SqlClassifier;
import wolf.scale.sql.SqlDialect;

/**
 * Applies committed log records to this node's MariaDB, exactly once: a group of records runs in
 * one transaction that also moves {@code wolfscale.applied} to the group's last LSN, so a crash
 * anywhere leaves either all of the group or none of it. Records at or below the applied LSN are
 * skipped (they are applied); a gap is an error.
 *
 * <ul>
 *   <li>Each statement runs with the leader's context pinned ({@link Session#pinReplay}).
 *   <li>DDL records run alone, bracketed by the DDL marker: marker "applying L" committed → DDL →
 *       applied = L and marker deleted, committed. Finding the marker on start means the DDL may
 *       have run: it is re-executed, and an {@link AlreadyDone} error counts as applied.
 *   <li>A leader marker (this node executed a DDL as leader and crashed before recording it) is
 *       settled by the record at its LSN: the same DDL of the same term → counted as applied
 *       without running it again; anything else → {@link DivergedException}.
 *   <li>An SQL error in a group: the group is rolled back and retried record by record; the records
 *       before the failing one are committed, then {@link ApplyFailedException} names it. Deadlock
 *       and lock-wait errors (a local reader holding locks) and broken connections are thrown as
 *       {@link SQLException} for the caller to retry after a pause.
 * </ul>
 *
 * Not thread-safe: JDBC thread only.
 */
final class Applier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Applier.class);

  private final String nodeId;
  private final LocalDatabase db;
  private final Position position;
  private final FaultHooks hooks;
  private Session session;

  Applier(String nodeId, LocalDatabase db, Position position, FaultHooks hooks) {
    this.nodeId = nodeId;
    this.db = db;
    this.position = position;
    this.hooks = hooks;
  }

  /** Connects if needed, creating the bookkeeping schema; re-reads the position when stale. */
  Position open() throws SQLException {
    if (session == null) {
      Connection c = db.open();
      try {
        Bookkeeping.ensure(c);
        session = new Session(c);
      } catch (SQLException e) {
        LocalDatabase.closeQuietly(c);
        throw e;
      }
      position.markStale();
    }
    if (position.stale()) {
      position.reload(session.connection());
    }
    return position;
  }

  /**
   * Applies {@code group} (consecutive committed records).
   *
   * @return the applied LSN afterwards
   * @throws ApplyFailedException a record MariaDB refused (those before it are applied)
   * @throws DivergedException a leader DDL marker that the log does not confirm
   * @throws SQLException a broken connection, deadlock or lock wait: retry later
   */
  long apply(List<WalRecord> group) throws SQLException, ApplyFailedException, DivergedException {
    try {
      open();
      List<WalRecord> todo = new ArrayList<>();
      for (WalRecord r : group) {
        if (r.lsn() > position.lsn()) {
          todo.add(r);
        }
      }
      if (todo.isEmpty()) {
        return position.lsn();
      }
      if (todo.get(0).lsn() != position.lsn() + 1) {
        throw new ApplyFailedException(
            todo.get(0).lsn(), "records after LSN " + position.lsn() + " are missing", null);
      }
      int i = 0;
      while (i < todo.size()) {
        WalRecord r = todo.get(i);
        ScaleEntry e = decode(r);
        if (position.marker().isPresent() || e.kind() == EntryKind.DDL) {
          ddl(r, e);
          i++;
          continue;
        }
        int j = i + 1;
        List<ScaleEntry> entries = new ArrayList<>(List.of(e));
        while (j < todo.size()) {
          ScaleEntry next = decode(todo.get(j));
          if (next.kind() == EntryKind.DDL) {
            break;
          }
          entries.add(next);
          j++;
        }
        run(todo.subList(i, j), entries);
        i = j;
      }
      return position.lsn();
    } catch (SQLException e) {
      if (LocalDatabase.isConnectionError(e)) {
        reset();
      }
      throw e;
    } catch (RuntimeException e) {
      reset(); // whatever happened, a half-done transaction must not be reused
      throw e;
    }
  }

  private static ScaleEntry decode(WalRecord r) throws ApplyFailedException {
    try {
      return ScaleEntry.decode(r.payload());
    } catch (EntryFormatException e) {
      throw new ApplyFailedException(r.lsn(), "unreadable entry: " + e.getMessage(), e);
    }
  }

  /** A run of non-DDL records in one transaction; on an SQL error, one by one. */
  private void run(List<WalRecord> records, List<ScaleEntry> entries)
      throws SQLException, ApplyFailedException {
    Connection c = session.connection();
    WalRecord last = records.get(records.size() - 1);
    try {
      for (ScaleEntry e : entries) {
        for (LoggedStatement s : e.statements()) {
          session.pinReplay(s);
          StatementRunner.run(c, s.sql(), s.params());
        }
      }
      Bookkeeping.advance(c, position.lsn(), last.lsn(), last.term());
      hooks.at(FaultPoint.APPLY_BEFORE_COMMIT);
      c.commit();
    } catch (SQLException ex) {
      rollbackQuietly(c);
      if (retriable(ex)) {
        throw ex;
      }
      if (records.size() > 1) {
        for (int k = 0; k < records.size(); k++) {
          run(records.subList(k, k + 1), entries.subList(k, k + 1));
        }
        return;
      }
      throw new ApplyFailedException(last.lsn(), describe(ex), ex);
    }
    position.committed(last.lsn(), last.term());
  }

  /** A DDL record, or any record while a DDL marker is present. */
  private void ddl(WalRecord r, ScaleEntry e)
      throws SQLException, ApplyFailedException, DivergedException {
    Connection c = session.connection();
    Optional<DdlMarker> m = position.marker();
    String sql = e.kind() == EntryKind.DDL ? e.statements().get(0).sql() : "";
    if (m.isPresent() && m.get().leader()) {
      DdlMarker mk = m.get();
      if (r.lsn() != mk.lsn()
          || e.kind() != EntryKind.DDL
          || r.term() != mk.term()
          || !DdlMarker.hash(sql).equals(mk.sha256())) {
        throw new DivergedException(
            "this node executed the DDL '"
                + abbreviate(mk.sql())
                + "' as leader in term "
                + mk.term()
                + " but the log has a different record at LSN "
                + mk.lsn()
                + "; the DDL was never logged. Resync this node from a snapshot.");
      }
      finishDdl(c, r);
      log.info(
          "{}: DDL at LSN {} was executed here as leader before a restart; counted as applied",
          nodeId,
          r.lsn());
      return;
    }
    boolean retry = m.isPresent() && m.get().lsn() == r.lsn();
    if ((m.isPresent() && !retry) || e.kind() != EntryKind.DDL) {
      throw new ApplyFailedException(
          r.lsn(),
          "DDL marker for LSN " + m.get().lsn() + " found while applying LSN " + r.lsn(),
          null);
    }
    if (!retry) {
      DdlMarker mk = new DdlMarker(false, r.lsn(), r.term(), DdlMarker.hash(sql), sql);
      Bookkeeping.putMarker(c, mk);
      position.marker(Optional.of(mk));
    }
    hooks.at(FaultPoint.FOLLOWER_DDL_MARKED);
    LoggedStatement s = e.statements().get(0);
    try {
      session.pinReplay(s);
      StatementRunner.run(c, s.sql(), s.params());
    } catch (SQLException ex) {
      if (LocalDatabase.isConnectionError(ex)) {
        throw ex; // the marker stays: the retry re-executes
      }
      if (!(retry && AlreadyDone.means(ex, verb(s)))) {
        rollbackQuietly(c);
        Bookkeeping.clearMarker(c);
        c.commit();
        position.marker(Optional.empty());
        throw new ApplyFailedException(r.lsn(), describe(ex), ex);
      }
      log.info(
          "{}: DDL at LSN {} had already run before a restart ({})",
          nodeId,
          r.lsn(),
          ex.getMessage());
    }
    hooks.at(FaultPoint.FOLLOWER_DDL_EXECUTED);
    finishDdl(c, r);
  }

  private void finishDdl(Connection c, WalRecord r) throws SQLException {
    Bookkeeping.advance(c, position.lsn(), r.lsn(), r.term());
    Bookkeeping.clearMarker(c);
    c.commit();
    position.committed(r.lsn(), r.term());
    position.marker(Optional.empty());
  }

  private static String verb(LoggedStatement s) {
    try {
      return SqlClassifier.single(s.sql(), SqlDialect.of(s.session().sqlMode())).verb();
    } catch (RuntimeException e) {
      return "";
    }
  }

  static boolean retriable(SQLException e) {
    return LocalDatabase.isConnectionError(e)
        || e.getErrorCode() == 1213
        || e.getErrorCode() == 1205;
  }

  static String describe(SQLException e) {
    if (e.getErrorCode() == 0 && e.getSQLState() == null) {
      return e.getMessage();
    }
    return "MariaDB error "
        + e.getErrorCode()
        + " ("
        + e.getSQLState()
        + "): "
        + LocalDatabase.serverMessage(e);
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; MariaDB rolls back on its own
    }
  }

  /** Forgets the connection (after a connection error); the next call reconnects and re-reads. */
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
