package wolf.cli.bench.repl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import wolf.scale.mariadb.MariaDbServer;

/**
 * Measures replication lag on one replica: takes the first write acknowledged after it became idle,
 * then polls the replica over its own JDBC connection in a tight loop ({@code SELECT 1 FROM bench.t
 * WHERE id = ?}, no sleep) until the row is visible, and records {@code visible - acknowledged}. So
 * it samples writes evenly in time, one at a time, and its resolution is one poll round trip.
 *
 * <p>Thread-safety: {@link #offer} is called by any writer thread; everything else by the thread
 * that owns the probe. {@link #stop} joins the probe thread, after which {@link #lags()} is safe to
 * read.
 */
public final class LagProbe implements AckListener {
  /** A write that is not visible after this long counts as missing (and is not a lag sample). */
  private static final long MAX_WAIT_S = 60;

  private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(MAX_WAIT_S);

  private record Ack(long id, long atNanos) {}

  private final String name;
  private final Connection connection;
  private final PreparedStatement select;
  private final AtomicBoolean idle = new AtomicBoolean();
  private final AtomicReference<Ack> offered = new AtomicReference<>();
  private final Samples lags = new Samples();
  private final Thread thread;
  private volatile boolean stopping;
  private long polls;
  private int missing;
  private SQLException failure;

  public LagProbe(String name, String jdbcUrl) throws SQLException {
    this.name = name;
    connection = DriverManager.getConnection(jdbcUrl, MariaDbServer.USER, MariaDbServer.PASSWORD);
    select = connection.prepareStatement("SELECT 1 FROM bench.t WHERE id = ?");
    thread = new Thread(this::loop, "lag-probe-" + name);
    thread.setDaemon(true);
  }

  public String name() {
    return name;
  }

  public void start() {
    thread.start();
  }

  /** Takes the write as the next sample if idle; one atomic read when busy. */
  @Override
  public void offer(long id, long atNanos) {
    if (idle.get() && idle.compareAndSet(true, false)) {
      offered.set(new Ack(id, atNanos));
      LockSupport.unpark(thread);
    }
  }

  private void loop() {
    try {
      while (!stopping) {
        offered.set(null);
        idle.set(true);
        Ack ack;
        while ((ack = offered.getAndSet(null)) == null) {
          if (stopping) {
            return;
          }
          LockSupport.parkNanos(1_000_000);
        }
        measure(ack);
      }
    } catch (SQLException e) {
      failure = e;
    }
  }

  private void measure(Ack ack) throws SQLException {
    while (true) {
      if (visible(ack.id())) {
        lags.add(ack.atNanos(), System.nanoTime() - ack.atNanos());
        return;
      }
      if (System.nanoTime() - ack.atNanos() > MAX_WAIT_NANOS) {
        missing++;
        return;
      }
    }
  }

  private boolean visible(long id) throws SQLException {
    polls++;
    select.setLong(1, id);
    try (ResultSet rs = select.executeQuery()) {
      return rs.next();
    }
  }

  /**
   * Takes no further write, waits until the measurement in progress has finished (the row is
   * visible, or {@value #MAX_WAIT_S} s have passed) and closes the connection.
   */
  public void stop() throws InterruptedException {
    stopping = true;
    LockSupport.unpark(thread);
    thread.join(TimeUnit.SECONDS.toMillis(MAX_WAIT_S + 10));
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing after the measurement; nothing depends on it.
    }
  }

  /** Lag samples: time = the write's acknowledgement, value = time until visible here. */
  public Samples lags() {
    return lags;
  }

  public long polls() {
    return polls;
  }

  /** Writes not visible within {@value #MAX_WAIT_S} s. */
  public int missing() {
    return missing;
  }

  /** The error that ended the probe early, or null. */
  public SQLException failure() {
    return failure;
  }
}
