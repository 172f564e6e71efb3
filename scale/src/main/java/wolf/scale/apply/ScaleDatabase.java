package wolf.scale.apply;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import wolf.actors.wal.WalRecord;
import wolf.config.DatabaseSettings;
import wolf.scale.sql.PlannedWrite;
import wolf.scale.sql.SqlDialect;

/**
 * This node's MariaDB as the {@link ScaleNode} sees it: every operation runs on the node's {@link
 * JdbcThread}, in submission order, and answers with a {@code CompletionStage}. The applier and the
 * leader executor share the applied position and take turns on the thread. Thread-safe.
 */
public final class ScaleDatabase implements AutoCloseable {
  private final JdbcThread thread;
  private final LocalDatabase db;
  private final Position position = new Position();
  private final Applier applier;
  private final LeaderExecutor executor;
  private final AtomicReference<SqlDialect> dialect = new AtomicReference<>(SqlDialect.DEFAULT);
  private volatile long appliedLsn = -1;

  /**
   * @param hooks {@link FaultHooks#NONE} outside tests
   * @param idleCheck see {@link ScaleLimits#idleCheck()}
   */
  public ScaleDatabase(
      String nodeId, DatabaseSettings settings, FaultHooks hooks, java.time.Duration idleCheck) {
    this.thread = new JdbcThread("wolfscale-jdbc-" + nodeId);
    this.db = new LocalDatabase(settings);
    this.applier = new Applier(nodeId, db, position, hooks);
    this.executor = new LeaderExecutor(db, position, hooks, idleCheck);
  }

  public LocalDatabase database() {
    return db;
  }

  /** The leader session's lexical dialect, once the executor has connected (else the default). */
  public SqlDialect dialect() {
    return dialect.get();
  }

  /** The applied LSN as last known (-1 before {@link #open()}). */
  public long appliedLsn() {
    return appliedLsn;
  }

  /** Connects, creates the {@code wolfscale} schema if missing; the applied LSN. */
  public CompletionStage<Long> open() {
    return thread.submit(() -> mirror(applier.open().lsn()));
  }

  /** Applies a group of committed records; the applied LSN after it. See {@link Applier#apply}. */
  public CompletionStage<Long> apply(List<WalRecord> group) {
    return thread.submit(() -> mirror(applier.apply(group)));
  }

  /**
   * Connects the leader's session (its dialect is then {@link #dialect()}). Fails with {@link
   * DivergedException} if a leader DDL marker is still unsettled: the applier, having applied
   * everything committed, did not find that DDL in the log.
   */
  public CompletionStage<SqlDialect> openExecutor() {
    return thread.submit(
        () -> {
          SqlDialect d = executor.open();
          if (position.marker().filter(DdlMarker::leader).isPresent()) {
            DdlMarker m = position.marker().get();
            throw new DivergedException(
                "this node executed the DDL '"
                    + m.sql()
                    + "' as leader in term "
                    + m.term()
                    + " but it is not in the log; resync this node from a snapshot");
          }
          dialect.set(d);
          mirror(position.lsn());
          return d;
        });
  }

  /** See {@link LeaderExecutor#execute}. */
  CompletionStage<LeaderExecutor.Batch> execute(List<PlannedWrite> writes, long term) {
    return thread.submit(
        () -> {
          try {
            return executor.execute(writes, term);
          } catch (RuntimeException e) {
            executor.reset();
            throw e;
          }
        });
  }

  /** See {@link LeaderExecutor#commit}; the applied LSN after it. */
  CompletionStage<Long> commit(LeaderExecutor.Batch b, long firstLsn, long term) {
    return thread.submit(
        () -> {
          try {
            executor.commit(b, firstLsn, term);
          } catch (RuntimeException e) {
            executor.reset();
            throw e;
          }
          return mirror(position.lsn());
        });
  }

  /** See {@link LeaderExecutor#abort}. */
  CompletionStage<Done> abort(LeaderExecutor.Batch b) {
    return thread.submit(
        () -> {
          executor.abort(b);
          return Done.getInstance();
        });
  }

  /** Closes both connections (e.g. before a restore replaces the databases under them). */
  public CompletionStage<Done> disconnect() {
    return thread.submit(
        () -> {
          applier.reset();
          executor.reset();
          return Done.getInstance();
        });
  }

  private long mirror(long lsn) {
    appliedLsn = lsn;
    return lsn;
  }

  @Override
  public void close() {
    thread.submit(
        () -> {
          applier.close();
          executor.close();
          return Done.getInstance();
        });
    thread.close();
  }
}
