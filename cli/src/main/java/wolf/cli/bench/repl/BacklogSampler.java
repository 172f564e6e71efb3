package wolf.cli.bench.repl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import wolf.scale.mariadb.MariaDbServer;

/**
 * Every {@value #INTERVAL_MS} ms, how many row ids each replica is behind the highest id
 * acknowledged so far ({@code SELECT MAX(id)} on the replica): the replica's position against the
 * primary's over a run, which shows whether lag grows even when the lag probes, stuck on one slow
 * row, take few samples. {@link #offer} is thread-safe; the rest belongs to the owner.
 */
public final class BacklogSampler implements AckListener {
  private static final long INTERVAL_MS = 100;

  private final AtomicLong highest = new AtomicLong(-1);
  private final List<Connection> connections = new ArrayList<>();
  private final List<PreparedStatement> queries = new ArrayList<>();
  private final List<Samples> behind = new ArrayList<>();
  private final Thread thread = new Thread(this::loop, "backlog-sampler");
  private volatile boolean stopping;
  private SQLException failure;

  public BacklogSampler(List<String> replicaJdbcUrls) throws SQLException {
    try {
      for (String url : replicaJdbcUrls) {
        Connection c = DriverManager.getConnection(url, MariaDbServer.USER, MariaDbServer.PASSWORD);
        connections.add(c);
        queries.add(c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM bench.t"));
        behind.add(new Samples());
      }
    } catch (SQLException e) {
      closeConnections();
      throw e;
    }
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void offer(long id, long atNanos) {
    if (id > highest.get()) {
      highest.accumulateAndGet(id, Math::max);
    }
  }

  private void loop() {
    try {
      while (!stopping) {
        long acked = highest.get();
        long now = System.nanoTime();
        for (int i = 0; i < queries.size() && acked >= 0; i++) {
          try (ResultSet rs = queries.get(i).executeQuery()) {
            rs.next();
            behind.get(i).add(now, Math.max(0, acked - rs.getLong(1)));
          }
        }
        Thread.sleep(INTERVAL_MS);
      }
    } catch (SQLException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops sampling and closes the connections. */
  public void stop() throws InterruptedException {
    stopping = true;
    thread.join(TimeUnit.SECONDS.toMillis(30));
    closeConnections();
  }

  /** Per replica: time = sample time, value = row ids behind (a count, not nanoseconds). */
  public List<Samples> behind() {
    return behind;
  }

  /** The error that ended sampling early, or null. */
  public SQLException failure() {
    return failure;
  }

  private void closeConnections() {
    for (Connection c : connections) {
      try {
        c.close();
      } catch (SQLException e) {
        // Measurement over; nothing depends on it.
      }
    }
  }
}
