package wolf.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wolf.cli.net.lab.LabNode;
import wolf.cli.net.lab.NetLab;
import wolf.net.tun.Commands;

/**
 * {@code ./run.sh bench net [--seconds N] [--rounds N] [--workers N] [--offload true|false]}: two
 * namespaces joined by a veth pair, and over it, all up at once, WolfNet and Debian's wireguard-go
 * set up the same way (MTU 1420, one peer each side). In turns, round after round, each path (bare
 * veth too) gets iperf3 TCP runs with 1 and 4 streams and 100 pings; the CPU time of the tunnel
 * processes is read from /proc. Prints every round, the medians, the load, and last {@code RESULT
 * net ...}. Needs root, iperf3, wireguard-go and wg.
 */
public final class NetBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RTT = Pattern.compile("= [\\d.]+/([\\d.]+)/");

  /**
   * One path's figures; {@code cpuPerGb} is CPU seconds (user + system, both ends' tunnel
   * processes) per GB carried in the 1-stream run — NaN for the bare veth.
   */
  private record Figures(String name, double mbit1, double mbit4, double rttMs, double cpuPerGb) {}

  private final NetLab lab;
  private final String a;
  private final String b;
  private final int seconds;

  private NetBench(NetLab lab, String a, String b, int seconds) {
    this.lab = lab;
    this.a = a;
    this.b = b;
    this.seconds = seconds;
  }

  public static void main(String[] args) throws Exception {
    int seconds = 5;
    int rounds = 3;
    int workers = 0;
    String offload = "true";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--workers" -> workers = Integer.parseInt(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--offload" -> offload = Boolean.toString(Boolean.parseBoolean(args[i + 1]));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path work = Files.createTempDirectory("wolfnet-bench");
    try (NetLab lab = NetLab.create("wnb")) {
      String a = lab.namespace("a");
      String b = lab.namespace("b");
      lab.link(a, "veth-a", "192.168.77.1/24", b, "veth-b", "192.168.77.2/24");
      NetBench bench = new NetBench(lab, a, b, seconds);
      // All three paths are up at once and measured in turns, round after round, so that a change
      // in the machine's load hits them alike; the table gives each path's median.
      List<Tunnel> paths = new ArrayList<>();
      paths.add(new Tunnel("bare veth", "192.168.77.2", List.of()));
      paths.add(bench.wolfnet(work, workers, offload));
      paths.add(bench.wireguardGo(work));
      for (Tunnel t : paths) {
        bench.warmUp(t.target());
      }
      System.out.println("load before: " + Commands.run(List.of("uptime")).strip());
      System.out.printf(
          Locale.ROOT,
          "%-22s %8s %8s %9s %8s%n",
          "round / path",
          "1 str.",
          "4 str.",
          "ping ms",
          "CPU s/GB");
      List<List<Figures>> results = new ArrayList<>();
      paths.forEach(t -> results.add(new ArrayList<>()));
      for (int r = 1; r <= rounds; r++) {
        for (int i = 0; i < paths.size(); i++) {
          results.get(i).add(bench.measure(r, paths.get(i)));
        }
      }
      System.out.println("load after:  " + Commands.run(List.of("uptime")).strip());
      print(results.stream().map(NetBench::median).toList(), rounds);
    }
  }

  /** One path under test: where to send, and the processes whose CPU time it costs. */
  private record Tunnel(String name, String target, List<Long> pids) {}

  private static Figures median(List<Figures> runs) {
    return new Figures(
        runs.get(0).name(),
        median(runs, Figures::mbit1),
        median(runs, Figures::mbit4),
        median(runs, Figures::rttMs),
        median(runs, Figures::cpuPerGb));
  }

  private static double median(List<Figures> runs, java.util.function.ToDoubleFunction<Figures> f) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private Tunnel wolfnet(Path work, int workers, String offload) throws Exception {
    LabNode na = new LabNode(lab, work, "a", a, "10.0.20.1", "192.168.77.1", 9600);
    LabNode nb = new LabNode(lab, work, "b", b, "10.0.20.2", "192.168.77.2", 9600);
    List<String> extra =
        new ArrayList<>(List.of("discovery.enabled = false", "interface.offload = " + offload));
    if (workers > 0) {
      extra.add("interface.workers = " + workers);
    }
    na.configure(List.of(na, nb), List.of(), extra);
    nb.configure(List.of(na, nb), List.of(), extra);
    na.start(Duration.ofSeconds(60));
    nb.start(Duration.ofSeconds(60));
    return new Tunnel(
        "WolfNet (java " + Runtime.version().feature() + ")",
        "10.0.20.2",
        List.of(na.pid(), nb.pid()));
  }

  /** wireguard-go with wg, MTU 1420, one peer each side; stopped when the lab closes. */
  private Tunnel wireguardGo(Path work) throws Exception {
    String ia = "wgo-a";
    String ib = "wgo-b";
    String keyA = Commands.run(List.of("wg", "genkey")).strip();
    String keyB = Commands.run(List.of("wg", "genkey")).strip();
    Process pa = lab.spawn(a, List.of("wireguard-go", "-f", ia), work.resolve("wggo-a.log"));
    Process pb = lab.spawn(b, List.of("wireguard-go", "-f", ib), work.resolve("wggo-b.log"));
    wgUp(a, ia, keyA, keyB, "10.0.30.1", "10.0.30.2", "192.168.77.2", work);
    wgUp(b, ib, keyB, keyA, "10.0.30.2", "10.0.30.1", "192.168.77.1", work);
    return new Tunnel("wireguard-go", "10.0.30.2", List.of(pa.pid(), pb.pid()));
  }

  private void wgUp(
      String ns,
      String dev,
      String key,
      String peerKey,
      String self,
      String peer,
      String ep,
      Path work)
      throws Exception {
    Path uapi = Path.of("/var/run/wireguard", dev + ".sock");
    for (int i = 0; i < 100 && !Files.exists(uapi); i++) {
      Thread.sleep(100);
    }
    Path keyFile = work.resolve(dev + ".key");
    Files.writeString(keyFile, key + "\n");
    String pub = Commands.run(List.of("wg", "pubkey"), peerKey + "\n").strip();
    lab.run(
        ns,
        "wg",
        "set",
        dev,
        "private-key",
        keyFile.toString(),
        "listen-port",
        "51820",
        "peer",
        pub,
        "allowed-ips",
        peer + "/32",
        "endpoint",
        ep + ":51820");
    lab.run(ns, "ip", "address", "add", self + "/24", "dev", dev);
    lab.run(ns, "ip", "link", "set", dev, "mtu", "1420", "up");
  }

  /** Pings until the tunnel answers (handshake done, JIT warm enough to start measuring). */
  private void warmUp(String target) throws Exception {
    for (int i = 0; i < 60; i++) {
      try {
        lab.run(a, "ping", "-c", "1", "-W", "1", target);
        break;
      } catch (IOException e) {
        Thread.sleep(500);
      }
    }
    iperf(target, 1, 10); // JIT warm-up: a long-running daemon is compiled; a fresh one is not
  }

  private Figures measure(int round, Tunnel t) throws Exception {
    String name = t.name();
    String target = t.target();
    List<Long> pids = t.pids();
    double cpu0 = cpuSeconds(pids);
    long t0 = System.nanoTime();
    double one = iperf(target, 1, seconds);
    double cpu = cpuSeconds(pids) - cpu0;
    // bytes ~ rate x time; iperf's own figure is for its measured interval only
    double gb = one * 1e6 / 8 * seconds / 1e9;
    double cpuPerGb = pids.isEmpty() ? Double.NaN : cpu / gb;
    long elapsed = System.nanoTime() - t0;
    double four = iperf(target, 4, seconds);
    String ping = lab.run(a, "ping", "-c", "100", "-i", "0.01", "-q", target);
    Matcher m = RTT.matcher(ping);
    double rtt = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    Figures f = new Figures(name, one, four, rtt, cpuPerGb);
    System.out.printf(
        Locale.ROOT,
        "%d %-20s %8.0f %8.0f %9.3f %8.1f (1-stream run %.1f s)%n",
        round,
        name,
        one,
        four,
        rtt,
        cpuPerGb,
        elapsed / 1e9);
    return f;
  }

  /** User + system CPU seconds of the processes, from /proc (clock ticks of 1/100 s). */
  private static double cpuSeconds(List<Long> pids) throws IOException {
    double sum = 0;
    for (long pid : pids) {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }
    return sum;
  }

  /** iperf3 TCP from a to b; Mbit/s received. Retries a run that iperf3 reports as failed. */
  private double iperf(String target, int streams, int secs) throws Exception {
    String error = "";
    for (int attempt = 0; attempt < 3; attempt++) {
      Process server = lab.spawn(b, List.of("iperf3", "-s", "-1"), Path.of("/dev/null"));
      try {
        Thread.sleep(300);
        String out;
        try {
          out =
              lab.run(
                  a,
                  "iperf3",
                  "-c",
                  target,
                  "-t",
                  Integer.toString(secs),
                  "-P",
                  Integer.toString(streams),
                  "-J");
        } catch (IOException e) {
          error = e.getMessage();
          continue;
        }
        JsonNode root = JSON.readTree(out);
        double bits = root.path("end").path("sum_received").path("bits_per_second").asDouble();
        if (bits > 0) {
          return bits / 1e6;
        }
        error = root.path("error").asText("no result");
      } finally {
        NetLab.stop(server, 2000);
      }
    }
    System.out.println("iperf3 to " + target + " failed: " + error);
    return Double.NaN;
  }

  private static void print(List<Figures> rows, int rounds) {
    System.out.println();
    System.out.println("medians of " + rounds + " rounds:");
    System.out.printf(
        Locale.ROOT,
        "%-22s %12s %12s %10s %14s%n",
        "path",
        "1 stream",
        "4 streams",
        "ping avg",
        "CPU s per GB");
    for (Figures f : rows) {
      System.out.printf(
          Locale.ROOT,
          "%-22s %7.0f Mbit %7.0f Mbit %7.3f ms %14.1f%n",
          f.name(),
          f.mbit1(),
          f.mbit4(),
          f.rttMs(),
          f.cpuPerGb());
    }
    Figures bare = rows.get(0);
    Figures wolf = rows.get(1);
    Figures wg = rows.get(2);
    System.out.printf(
        Locale.ROOT,
        "WolfNet / wireguard-go throughput: %.2fx (1 stream), %.2fx (4 streams); WolfNet adds"
            + " %.3f ms RTT over the bare veth (goals: >= 1.5x, <= 0.3 ms)%n",
        wolf.mbit1() / wg.mbit1(),
        wolf.mbit4() / wg.mbit4(),
        wolf.rttMs() - bare.rttMs());
    System.out.printf(
        Locale.ROOT,
        "RESULT net wolfnet_mbit=%.0f wggo_mbit=%.0f bare_rtt_ms=%.3f wolfnet_rtt_ms=%.3f"
            + " wggo_rtt_ms=%.3f wolfnet_mbit_4=%.0f wggo_mbit_4=%.0f bare_mbit=%.0f"
            + " wolfnet_cpu_s_per_gb=%.1f wggo_cpu_s_per_gb=%.1f%n",
        wolf.mbit1(),
        wg.mbit1(),
        bare.rttMs(),
        wolf.rttMs(),
        wg.rttMs(),
        wolf.mbit4(),
        wg.mbit4(),
        bare.mbit1(),
        wolf.cpuPerGb(),
        wg.cpuPerGb());
  }
}
