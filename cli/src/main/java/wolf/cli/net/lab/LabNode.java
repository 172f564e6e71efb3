package wolf.cli.net.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import wolf.net.control.ControlServer;
import wolf.net.keys.KeyFiles;
import wolf.net.keys.KeyPair;

/**
 * One WolfNet node of a {@link NetLab}: its directory (config, key, log, control socket), its
 * namespace and addresses, and the daemon process started from the {@code wolfnet} main class.
 * Observed only through {@code wolfnetctl}'s control socket, as an operator would. Not thread-safe.
 */
public final class LabNode {
  private static final ObjectMapper JSON = new ObjectMapper();

  public final String name;
  public final String ns;
  public final String overlay;
  public final String underlay;
  public final int port;
  public final Path dir;
  public final KeyPair keys;
  private final NetLab lab;
  private Process process;

  /**
   * When set, no config names this node's endpoint and its own config names no peer's: it and its
   * peers can only find each other by LAN discovery.
   */
  public boolean hidden;

  /**
   * A node named {@code name} in {@code ns}, overlay address {@code overlay} (no prefix), reached
   * by peers at {@code underlay:port}; its files go to {@code parent/name}.
   */
  public LabNode(
      NetLab lab, Path parent, String name, String ns, String overlay, String underlay, int port)
      throws IOException {
    this.lab = lab;
    this.name = name;
    this.ns = ns;
    this.overlay = overlay;
    this.underlay = underlay;
    this.port = port;
    this.dir = Files.createDirectories(parent.resolve(name));
    Path key = dir.resolve("private.key");
    this.keys = KeyPair.of(Files.exists(key) ? KeyFiles.readPrivate(key) : writeKey(key));
  }

  private static wolf.net.keys.PrivateKey writeKey(Path file) throws IOException {
    wolf.net.keys.PrivateKey k = wolf.net.keys.PrivateKey.generate();
    KeyFiles.writePrivate(file, k);
    return k;
  }

  public Path config() {
    return dir.resolve("wolfnet.toml");
  }

  public Path socket() {
    return dir.resolve("control.sock");
  }

  public Path log() {
    return dir.resolve("wolfnet.log");
  }

  /**
   * Writes the config.
   *
   * @param extra TOML lines added to the sections (keys like {@code "mesh.keepalive_seconds = 1"})
   * @param peers the peers with their gateway flag decided by {@code gateways}
   */
  public void configure(List<LabNode> peers, List<LabNode> gateways, List<String> extra)
      throws IOException {
    StringBuilder t = new StringBuilder();
    t.append("[interface]\naddress = \"").append(overlay).append("/24\"\n");
    t.append("listen_port = ").append(port).append('\n');
    t.append("private_key_file = \"private.key\"\n");
    section(t, "interface", extra);
    t.append("\n[mesh]\nstate_dir = \"state\"\ncontrol_socket = \"control.sock\"\n");
    section(t, "mesh", extra);
    t.append("\n[gateway]\nenabled = ").append(gateways.contains(this)).append('\n');
    section(t, "gateway", extra);
    t.append("\n[discovery]\n");
    section(t, "discovery", extra);
    for (LabNode p : peers) {
      if (p == this) {
        continue;
      }
      t.append("\n[[mesh.peers]]\nname = \"").append(p.name).append("\"\n");
      t.append("public_key = \"").append(p.keys.publicKey().base64()).append("\"\n");
      if (p.underlay != null && !p.hidden && !hidden) {
        t.append("endpoint = \"").append(p.underlay).append(':').append(p.port).append("\"\n");
      }
      t.append("allowed_ips = [\"").append(p.overlay).append("/32\"]\n");
      t.append("gateway = ").append(gateways.contains(p)).append('\n');
    }
    Files.writeString(config(), t.toString());
  }

  private static void section(StringBuilder t, String section, List<String> extra) {
    for (String line : extra) {
      if (line.startsWith(section + ".")) {
        t.append(line.substring(section.length() + 1)).append('\n');
      }
    }
  }

  /** Starts the daemon and waits until its control socket answers. */
  public void start(Duration timeout) throws IOException, InterruptedException {
    launch();
    awaitUp(timeout);
  }

  /** Starts the daemon without waiting. */
  public void launch() throws IOException {
    Files.deleteIfExists(socket());
    process =
        lab.spawn(ns, JavaCommand.of("wolf.cli.net.WolfNetMain", "-c", config().toString()), log());
  }

  /** Waits until the control socket answers; throws with the log if the daemon died. */
  public void awaitUp(Duration timeout) throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IOException(name + ": wolfnet exited " + process.exitValue() + ":\n" + logText());
      }
      try {
        status();
        return;
      } catch (IOException e) {
        if (System.nanoTime() > end) {
          throw new IOException(
              name + ": control socket silent after " + timeout + ":\n" + logText());
        }
        Thread.sleep(100);
      }
    }
  }

  public String logText() {
    try {
      return Files.readString(log());
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** {@code wolfnetctl status --json}, parsed. */
  public JsonNode status() throws IOException {
    return JSON.readTree(ControlServer.ask(socket(), "status"));
  }

  /** One counter from the status, e.g. {@code dropped_replay_duplicate}. */
  public long counter(String name) throws IOException {
    return status().get("counters").get(name).asLong();
  }

  public String activeGateway() throws IOException {
    return status().get("activeGateway").asText();
  }

  /** Kills the daemon with SIGKILL (a crash: nothing is cleaned up by the daemon). */
  public void kill() {
    if (process != null) {
      NetLab.kill(process);
    }
  }

  /** Stops the daemon with SIGTERM (clean shutdown), SIGKILL after 10 s. */
  public void stop() {
    if (process != null) {
      NetLab.stop(process, 10_000);
    }
  }

  /** The daemon's process id (the JVM: {@code ip netns exec} replaces itself with it). */
  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Nodes in a list, for configuring everyone as everyone's peer. */
  public static List<LabNode> all(LabNode... nodes) {
    return new ArrayList<>(List.of(nodes));
  }

  @Override
  public String toString() {
    return name;
  }
}
