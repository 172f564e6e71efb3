package wolf.scale.mariadb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One independent local {@code mariadbd} process with its own data directory, socket and TCP port
 * on 127.0.0.1 — for the demo and for tests, never a mock. The layout under {@code dir}: {@code
 * data/} (the datadir), {@code tmp/} (its own temporary directory: instances bootstrapping at the
 * same time in a shared /tmp can trip over each other's temporary tables), {@code sock}, {@code
 * pid}, {@code err.log}.
 *
 * <p>root logs in over the socket; a TCP user {@link #USER}@127.0.0.1 with every privilege is
 * created for clients. Not thread-safe; {@link #close()} stops the server (SIGTERM, then SIGKILL).
 */
public final class MariaDbServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MariaDbServer.class);

  /** TCP user created in every instance. */
  public static final String USER = "wolf";

  /** Its password. Instances listen on loopback only. */
  public static final String PASSWORD = "wolf";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final int port;
  private final int serverId;
  private final List<String> extraOptions;
  private Process process;

  private MariaDbServer(Path dir, int port, int serverId, List<String> extraOptions) {
    this.dir = dir;
    this.port = port;
    this.serverId = serverId;
    this.extraOptions = List.copyOf(extraOptions);
  }

  /**
   * Initializes {@code dir/data} if it is empty, starts the server and waits until it answers.
   *
   * @throws MariaDbException naming the step that failed and the tail of {@code err.log}
   */
  public static MariaDbServer start(Path dir, int port, int serverId) throws IOException {
    return start(dir, port, serverId, List.of());
  }

  /**
   * As {@link #start(Path, int, int)}, with {@code extraOptions} appended to the {@code mariadbd}
   * command line after the standard ones (so they win), e.g. {@code --log-bin=mysql-bin} for
   * options that cannot be set at runtime. They apply to {@link #restart()} too, not to {@code
   * mariadb-install-db}.
   */
  public static MariaDbServer start(Path dir, int port, int serverId, List<String> extraOptions)
      throws IOException {
    MariaDbServer s = new MariaDbServer(dir.toAbsolutePath(), port, serverId, extraOptions);
    s.initialize();
    s.launch();
    return s;
  }

  private void initialize() throws IOException {
    Path data = dir.resolve("data");
    if (Files.isDirectory(data.resolve("mysql"))) {
      return;
    }
    Files.createDirectories(data);
    Files.createDirectories(dir.resolve("tmp"));
    run(
        Duration.ofSeconds(120),
        "mariadb-install-db",
        List.of(
            "mariadb-install-db",
            "--no-defaults",
            "--user=root",
            "--datadir=" + data,
            "--tmpdir=" + dir.resolve("tmp"),
            "--auth-root-authentication-method=socket",
            "--skip-test-db",
            "--skip-name-resolve",
            "--innodb-log-file-size=16M",
            "--innodb-buffer-pool-size=64M"));
  }

  private void launch() throws IOException {
    Files.createDirectories(dir.resolve("tmp"));
    List<String> cmd =
        List.of(
            Binaries.resolve("mariadbd"),
            "--no-defaults",
            "--user=root",
            "--datadir=" + dir.resolve("data"),
            "--tmpdir=" + dir.resolve("tmp"),
            "--port=" + port,
            "--bind-address=127.0.0.1",
            "--socket=" + socket(),
            "--pid-file=" + dir.resolve("pid"),
            "--log-error=" + dir.resolve("err.log"),
            "--skip-name-resolve",
            "--server-id=" + serverId,
            "--innodb-buffer-pool-size=64M",
            "--innodb-log-file-size=16M",
            "--performance-schema=OFF");
    List<String> withExtras = new ArrayList<>(cmd);
    withExtras.addAll(extraOptions);
    process =
        new ProcessBuilder(withExtras)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("stdout.log").toFile())
            .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new MariaDbException(
            "mariadbd exited at start-up (code " + process.exitValue() + ")", errTail());
      }
      if (ping()) {
        sql(
            "CREATE USER IF NOT EXISTS '"
                + USER
                + "'@'127.0.0.1' IDENTIFIED BY '"
                + PASSWORD
                + "';"
                + " GRANT ALL PRIVILEGES ON *.* TO '"
                + USER
                + "'@'127.0.0.1' WITH GRANT OPTION;");
        log.info("mariadbd {} ready on 127.0.0.1:{} ({})", serverId, port, dir);
        return;
      }
      sleep(100);
    }
    process.destroyForcibly();
    throw new MariaDbException("mariadbd did not answer within " + START_TIMEOUT, errTail());
  }

  /** Whether the server answers a ping over its socket. */
  public boolean ping() {
    try {
      Process p =
          new ProcessBuilder(
                  Binaries.resolve("mariadb-admin"),
                  "--no-defaults",
                  "-uroot",
                  "-S",
                  socket().toString(),
                  "--connect-timeout=2",
                  "ping")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Runs SQL as root over the socket with the {@code mariadb} CLI and returns its tab-separated
   * output without column names.
   *
   * @throws MariaDbException with the server's error message when the statement fails
   */
  public String sql(String statements) throws IOException {
    return run(
        Duration.ofSeconds(60),
        "mariadb",
        List.of(
            "mariadb",
            "--no-defaults",
            "-uroot",
            "-S",
            socket().toString(),
            "-N",
            "-B",
            "-e",
            statements));
  }

  public int port() {
    return port;
  }

  public int serverId() {
    return serverId;
  }

  public Path dir() {
    return dir;
  }

  public Path socket() {
    return dir.resolve("sock");
  }

  /** A Connector/J / MariaDB JDBC URL for the TCP user; TLS off (a plain local server). */
  public String jdbcUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?sslMode=disable";
  }

  public boolean running() {
    return process != null && process.isAlive();
  }

  /** SIGKILL, as a crash would; the datadir stays for a restart. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts again on the same datadir and port (after {@link #kill} or {@link #close}). */
  public void restart() throws IOException {
    if (running()) {
      throw new IllegalStateException("mariadbd " + serverId + " is still running");
    }
    launch();
  }

  /** SIGTERM, waiting up to 30 s for a clean shutdown, then SIGKILL. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        log.warn("mariadbd {} did not stop in 30 s; killing it", serverId);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private String errTail() {
    try {
      String err = Files.readString(dir.resolve("err.log"), StandardCharsets.UTF_8);
      return err.substring(Math.max(0, err.length() - 2000));
    } catch (IOException e) {
      return "(no err.log)";
    }
  }

  private static String run(Duration timeout, String what, List<String> cmd) throws IOException {
    List<String> full = new ArrayList<>(cmd);
    full.set(0, Binaries.resolve(cmd.get(0)));
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new MariaDbException(what + " did not finish within " + timeout, out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new MariaDbException(what + " interrupted", out);
    }
    if (p.exitValue() != 0) {
      throw new MariaDbException(what + " failed (exit " + p.exitValue() + ")", out);
    }
    return out;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MariaDbException("interrupted while waiting for mariadbd", "");
    }
  }
}
