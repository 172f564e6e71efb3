package wolf.scale.apply;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What this node's MariaDB has applied, as last read or committed: the applied LSN and term and the
 * DDL marker. Shared by the {@link Applier} and the {@link LeaderExecutor}; both update it only
 * after their commit succeeded, and mark it stale when a commit's outcome is unknown (a broken
 * connection), so that the next user re-reads it. JDBC thread only.
 */
final class Position {
  private long lsn = -1;
  private long term;
  private Optional<DdlMarker> marker = Optional.empty();
  private boolean stale = true;

  long lsn() {
    return lsn;
  }

  long term() {
    return term;
  }

  Optional<DdlMarker> marker() {
    return marker;
  }

  boolean stale() {
    return stale;
  }

  void reload(Connection c) throws SQLException {
    Bookkeeping.Applied a = Bookkeeping.read(c);
    marker = Bookkeeping.marker(c);
    c.commit();
    lsn = a.lsn();
    term = a.term();
    stale = false;
  }

  void committed(long lsn, long term) {
    this.lsn = lsn;
    this.term = term;
  }

  void marker(Optional<DdlMarker> m) {
    marker = m;
  }

  void markStale() {
    stale = true;
  }
}
