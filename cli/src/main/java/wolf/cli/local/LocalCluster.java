package wolf.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import wolf.actors.tls.ClusterKeys;
import wolf.cli.ApiClient;
import wolf.scale.mariadb.MariaDbServer;

/**
 * N WolfScale nodes as separate JVMs on loopback, for the demo, benchmarks and process-level tests.
 * Each node gets its own directory, config file, cluster port and API port; all share one cluster
 * key store. Not thread-safe. {@link #close()} kills every process it started.
 */
public final class LocalCluster implements AutoCloseable {
  /** One node's fixed identity and files. */
  public record Node(String id, int clusterPort, int apiPort, Path dir, Path config) {
    public String clusterAddress() {
      return "127.0.0.1:" + clusterPort;
    }

    public String apiUrl() {
      return "http://127.0.0.1:" + apiPort;
    }
  }

  private final Path base;
  private final String clusterName;
  private final List<Node> nodes = new ArrayList<>();
  private final Process[] processes;
  private final List<String> jvmArgs;
  private final List<MariaDbServer> databases = new ArrayList<>();
  private Path keyStore;
  private String keyStorePassword;
  private String clusterOptions = "";

  private LocalCluster(Path base, String clusterName, int n, List<String> jvmArgs) {
    this.base = base;
    this.clusterName = clusterName;
    this.processes = new Process[n];
    this.jvmArgs = jvmArgs;
  }

  /** Writes the key store and {@code n} configs (ids node-1..node-n) under {@code base}. */
  public static LocalCluster create(Path base, String clusterName, int n, List<String> jvmArgs)
      throws IOException {
    LocalCluster c = new LocalCluster(base, clusterName, n, jvmArgs);
    Files.createDirectories(base);
    Path keys = base.resolve("cluster.p12");
    String password = randomHex();
    ClusterKeys.generate(keys, password, clusterName);
    for (int i = 1; i <= n; i++) {
      Path dir = base.resolve("node-" + i);
      Files.createDirectories(dir);
      c.nodes.add(
          new Node("node-" + i, freePort(), freePort(), dir, dir.resolve("wolfscale.toml")));
    }
    c.keyStore = keys;
    c.keyStorePassword = password;
    for (Node node : c.nodes) {
      c.writeConfig(node, keys, password);
    }
    return c;
  }

  /**
   * Gives every node its own MariaDB ({@link MariaDbServer}, under {@code dir/mariadb}, a free
   * port) and points the node's {@code [database]} at it. Call before starting nodes; {@link
   * #close()} stops them.
   */
  public void startDatabases() throws IOException {
    for (int i = databases.size(); i < nodes.size(); i++) {
      Node n = nodes.get(i);
      databases.add(MariaDbServer.start(n.dir().resolve("mariadb"), freePort(), i + 1));
    }
    rewriteConfigs();
  }

  /** Node {@code i}'s MariaDB (after {@link #startDatabases()}). */
  public MariaDbServer database(int i) {
    return databases.get(i);
  }

  /** Extra TOML lines for every node's {@code [cluster]} section, e.g. {@code commit_mode}. */
  public void setClusterOptions(String tomlLines) throws IOException {
    clusterOptions = tomlLines.endsWith("\n") || tomlLines.isEmpty() ? tomlLines : tomlLines + "\n";
    rewriteConfigs();
  }

  private void rewriteConfigs() throws IOException {
    for (Node node : nodes) {
      writeConfig(node, keyStore, keyStorePassword);
    }
  }

  /** Writes a config for {@code node} that trusts the given key store. */
  public void writeConfig(Node node, Path keyStore, String password) throws IOException {
    String peers =
        nodes.stream().map(x -> "\"" + x.clusterAddress() + "\"").collect(Collectors.joining(", "));
    String toml =
        "[node]\n"
            + "id = \""
            + node.id()
            + "\"\n"
            + "bind_address = \""
            + node.clusterAddress()
            + "\"\n"
            + "data_dir = \""
            + node.dir().resolve("data")
            + "\"\n"
            + "[cluster]\n"
            + "cluster_name = \""
            + clusterName
            + "\"\n"
            + "peers = ["
            + peers
            + "]\n"
            + clusterOptions
            + databaseSection(node)
            + "[api]\n"
            + "bind_address = \"127.0.0.1:"
            + node.apiPort()
            + "\"\n"
            + "[security]\n"
            + "transport = \"tls\"\n"
            + "key_store = \""
            + keyStore
            + "\"\n"
            + "key_store_password = \""
            + password
            + "\"\n";
    Files.writeString(node.config(), toml);
  }

  private String databaseSection(Node node) {
    int i = nodes.indexOf(node);
    if (i < 0 || i >= databases.size()) {
      return "";
    }
    return "[database]\nhost = \"127.0.0.1\"\nport = "
        + databases.get(i).port()
        + "\nuser = \""
        + MariaDbServer.USER
        + "\"\npassword = \""
        + MariaDbServer.PASSWORD
        + "\"\n";
  }

  /** A node outside the configured set: same cluster name and peers, its own key store. */
  public Node stranger(String id) throws IOException {
    Path dir = base.resolve(id);
    Files.createDirectories(dir);
    Node n = new Node(id, freePort(), freePort(), dir, dir.resolve("wolfscale.toml"));
    Path keys = dir.resolve("other.p12");
    String password = randomHex();
    ClusterKeys.generate(keys, password, clusterName);
    writeConfig(n, keys, password);
    return n;
  }

  public List<Node> nodes() {
    return nodes;
  }

  public Node node(int i) {
    return nodes.get(i);
  }

  /** Starts node {@code i} (0-based) as a child JVM, its output in {@code dir/node.log}. */
  public void start(int i, boolean bootstrap) throws IOException {
    processes[i] = launch(nodes.get(i), bootstrap);
  }

  /** Starts node {@code i} with {@code wolfscale join SEED} instead of its configured peers. */
  public void join(int i, String seed) throws IOException {
    processes[i] =
        launch(nodes.get(i), List.of("join", seed, "-c", nodes.get(i).config().toString()));
  }

  /** Starts any node (e.g. a {@link #stranger}); the caller owns the process. */
  public Process launch(Node node, boolean bootstrap) throws IOException {
    List<String> args = new ArrayList<>(List.of("start", "-c", node.config().toString()));
    if (bootstrap) {
      args.add("--bootstrap");
    }
    return launch(node, args);
  }

  private Process launch(Node node, List<String> wolfscaleArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    // Small, quick-starting JVMs: three of them share two cores with the caller.
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    if (Runtime.version().feature() >= 24) {
      // As bin/wolf-java: Pekko still uses sun.misc.Unsafe, which JDK 24+ warns about.
      cmd.addAll(
          List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
    }
    cmd.addAll(jvmArgs);
    // The daemon's own logging (Wolf at INFO), also when a test's classpath carries a quieter
    // logback-test.xml.
    cmd.add("-Dlogback.configurationFile=logback.xml");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("wolf.cli.WolfScaleMain");
    cmd.addAll(wolfscaleArgs);
    Path log = node.dir().resolve("node.log");
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  public boolean running(int i) {
    return processes[i] != null && processes[i].isAlive();
  }

  /** {@code kill -9}: no goodbye to the cluster. */
  public void kill(int i) throws InterruptedException {
    Process p = processes[i];
    if (p != null) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** SIGTERM: the node leaves the cluster gracefully. */
  public void stop(int i) throws InterruptedException {
    Process p = processes[i];
    if (p != null) {
      p.destroy();
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** The node's {@code /status}, or empty if it does not answer. */
  public Optional<JsonNode> status(Node node) {
    try {
      return Optional.of(new ApiClient(node.apiUrl(), Duration.ofMillis(500)).get("status"));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The last ~4 KiB of a node's log, for failure messages. */
  public String logTail(Node node) {
    try {
      String log = Files.readString(node.dir().resolve("node.log"));
      return log.substring(Math.max(0, log.length() - 4096));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** The leader node {@code i} currently reports, or empty. */
  public Optional<String> leaderSeenBy(int i) {
    return status(nodes.get(i))
        .map(s -> s.path("leader"))
        .filter(l -> !l.isNull())
        .map(JsonNode::asText);
  }

  /**
   * Waits until every running node reports all running nodes as reachable Up members and they agree
   * on one leader; returns it.
   *
   * @throws IllegalStateException with each node's last view if that does not happen in time
   */
  public String awaitFormed(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int expected = 0;
    for (int i = 0; i < nodes.size(); i++) {
      expected += running(i) ? 1 : 0;
    }
    List<String> views = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      views.clear();
      java.util.Set<String> leaders = new java.util.HashSet<>();
      boolean ok = true;
      for (int i = 0; i < nodes.size(); i++) {
        if (!running(i)) {
          continue;
        }
        Optional<JsonNode> s = status(nodes.get(i));
        views.add(nodes.get(i).id() + ": " + s.map(JsonNode::toString).orElse("no answer"));
        long up = 0;
        if (s.isPresent()) {
          for (JsonNode m : s.get().path("members")) {
            up += "Up".equals(m.path("status").asText()) && m.path("reachable").asBoolean() ? 1 : 0;
          }
        }
        if (s.isEmpty() || up != expected || s.get().path("leader").isNull()) {
          ok = false;
        } else {
          leaders.add(s.get().path("leader").asText());
        }
      }
      if (ok && leaders.size() == 1) {
        return leaders.iterator().next();
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        "cluster did not form in " + timeout + ":\n" + String.join("\n", views));
  }

  @Override
  public void close() {
    for (Process p : processes) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    for (Process p : processes) {
      if (p != null) {
        try {
          p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    databases.forEach(MariaDbServer::close);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String randomHex() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
