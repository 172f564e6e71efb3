package wolf.cli.net.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import wolf.net.tun.Commands;

/**
 * A set of network namespaces with unique names ({@code PREFIX-RANDOM-NAME}) and the processes run
 * inside them. Everything is torn down by {@link #close}: processes killed (SIGKILL after a short
 * SIGTERM grace), namespaces deleted (which deletes their veths, bridges, TUN devices and nft
 * tables). A JVM shutdown hook closes the lab too, so an interrupted test or benchmark leaves
 * nothing behind. Needs root. Thread-safe.
 */
public final class NetLab implements AutoCloseable {
  private final String prefix;
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final Thread hook = new Thread(this::close, "netlab-cleanup");
  private boolean closed;

  private NetLab(String prefix) {
    this.prefix = prefix;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** A lab whose namespace names start with {@code tag} and a random suffix. */
  public static NetLab create(String tag) {
    return new NetLab(tag + "-" + Integer.toString(new SecureRandom().nextInt(1 << 20), 36));
  }

  /**
   * Creates namespace {@code name} (full name: prefix-name) with loopback up; returns the full
   * name.
   */
  public synchronized String namespace(String name) throws IOException {
    String ns = prefix + "-" + name;
    Commands.run(List.of("ip", "netns", "add", ns));
    namespaces.add(ns);
    run(ns, "ip", "link", "set", "lo", "up");
    return ns;
  }

  /** The full name of namespace {@code name} of this lab. */
  public String namespaceName(String name) {
    return prefix + "-" + name;
  }

  /** Runs a command inside {@code ns}; returns its output or throws with it. */
  public String run(String ns, String... command) throws IOException {
    return Commands.run(inside(ns, List.of(command)));
  }

  /** {@code ip netns exec ns command...}. */
  public static List<String> inside(String ns, List<String> command) {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    c.addAll(command);
    return c;
  }

  /**
   * Connects {@code a} and {@code b} with a veth pair named {@code ifA}/{@code ifB}, addressed
   * {@code addrA}/{@code addrB} (with prefix).
   */
  public void link(String a, String ifA, String addrA, String b, String ifB, String addrB)
      throws IOException {
    Commands.run(
        List.of("ip", "link", "add", ifA, "netns", a, "type", "veth", "peer", ifB, "netns", b));
    run(a, "ip", "address", "add", addrA, "dev", ifA);
    run(b, "ip", "address", "add", addrB, "dev", ifB);
    run(a, "ip", "link", "set", ifA, "up");
    run(b, "ip", "link", "set", ifB, "up");
  }

  /** A bridge {@code name} inside {@code ns}, up. */
  public void bridge(String ns, String name) throws IOException {
    run(ns, "ip", "link", "add", name, "type", "bridge");
    run(ns, "ip", "link", "set", name, "up");
  }

  /**
   * Connects {@code ns} to {@code bridge} in {@code switchNs} through a veth; {@code ifName} gets
   * {@code address}.
   */
  public void attach(String ns, String ifName, String address, String switchNs, String bridge)
      throws IOException {
    String port = "p" + Integer.toString(namespaces.indexOf(ns)) + ifName;
    Commands.run(
        List.of(
            "ip", "link", "add", ifName, "netns", ns, "type", "veth", "peer", port, "netns",
            switchNs));
    run(switchNs, "ip", "link", "set", port, "master", bridge);
    run(switchNs, "ip", "link", "set", port, "up");
    run(ns, "ip", "address", "add", address, "dev", ifName);
    run(ns, "ip", "link", "set", ifName, "up");
  }

  /** Starts {@code command} inside {@code ns}, output to {@code log}; killed by {@link #close}. */
  public synchronized Process spawn(String ns, List<String> command, Path log) throws IOException {
    Process p =
        new ProcessBuilder(inside(ns, command))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    processes.add(p);
    return p;
  }

  /** Kills {@code p} at once (SIGKILL) and waits for it. */
  public static void kill(Process p) {
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops {@code p} with SIGTERM, then SIGKILL after {@code graceMillis}. */
  public static void stop(Process p, long graceMillis) {
    p.destroy();
    try {
      if (!p.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
        kill(p);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(p);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    processes.forEach(p -> stop(p, 3000));
    for (String ns : namespaces) {
      try {
        Commands.run(List.of("ip", "netns", "pids", ns))
            .lines()
            .forEach(
                pid ->
                    ProcessHandle.of(Long.parseLong(pid.strip()))
                        .ifPresent(ProcessHandle::destroyForcibly));
        Commands.run(List.of("ip", "netns", "del", ns));
      } catch (IOException | RuntimeException e) {
        System.err.println("netlab: could not delete namespace " + ns + ": " + e.getMessage());
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: this is the hook
    }
  }
}
