package wolf.cli.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import wolf.cli.net.lab.JavaCommand;
import wolf.cli.net.lab.LabNode;
import wolf.cli.net.lab.NetLab;
import wolf.net.tun.Commands;

/**
 * WolfNet as an operator meets it: real {@code wolfnet} daemons (one JVM each) on real TUN devices,
 * in network namespaces this test creates and always deletes.
 *
 * <pre>
 *   n1 10.0.40.1 (gateway) ─┐                 ┌─ n1 172.31.9.11
 *   n2 10.0.40.2 (gateway) ─┤ br0 192.168.88/24│  n2 172.31.9.12   br1 172.31.9/24
 *   n3 10.0.40.3           ─┤                 └─ r  172.31.9.1 ("remote", no route back)
 *   x  10.0.40.9 (unknown) ─┘
 * </pre>
 *
 * Tests run in order on one mesh; the last kills the active gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WolfNetNamespacesTest {
  private static final Duration START = Duration.ofSeconds(90);
  private static NetLab lab;
  private static LabNode n1;
  private static LabNode n2;
  private static LabNode n3;
  private static LabNode x;
  private static String remote;

  @TempDir static Path work;

  @BeforeAll
  static void mesh() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")) && Files.exists(Path.of("/dev/net/tun")),
        "needs root and /dev/net/tun");
    lab = NetLab.create("wnt");
    String sw = lab.namespace("sw");
    lab.bridge(sw, "br0");
    lab.bridge(sw, "br1");
    n1 = node("n1", "10.0.40.1", "192.168.88.1");
    n2 = node("n2", "10.0.40.2", "192.168.88.2");
    n3 = node("n3", "10.0.40.3", "192.168.88.3");
    x = node("x", "10.0.40.9", "192.168.88.9");
    n3.hidden = true; // n3 and its peers learn each other's endpoints by LAN discovery only
    for (LabNode n : List.of(n1, n2, n3, x)) {
      lab.attach(n.ns, "eth0", n.underlay + "/24", sw, "br0");
    }
    remote = lab.namespace("r");
    lab.attach(remote, "eth0", "172.31.9.1/24", sw, "br1");
    lab.attach(n1.ns, "eth1", "172.31.9.11/24", sw, "br1");
    lab.attach(n2.ns, "eth1", "172.31.9.12/24", sw, "br1");
    List<String> extra =
        List.of(
            "mesh.keepalive_seconds = 1",
            "mesh.peer_timeout_seconds = 3",
            "gateway.routes = [\"172.31.9.0/24\"]",
            "interface.workers = 1",
            "discovery.interval_seconds = 1");
    List<LabNode> mesh = List.of(n1, n2, n3);
    List<LabNode> gateways = List.of(n1, n2);
    for (LabNode n : mesh) {
      n.configure(mesh, gateways, extra);
    }
    x.configure(List.of(x, n1), List.of(), extra);
    for (LabNode n : List.of(n1, n2, n3, x)) {
      n.launch();
    }
    for (LabNode n : List.of(n1, n2, n3, x)) {
      n.awaitUp(START);
    }
  }

  private static LabNode node(String name, String overlay, String underlay) throws IOException {
    return new LabNode(lab, work, name, lab.namespace(name), overlay, underlay, 9600);
  }

  @AfterAll
  static void teardown() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @Order(1)
  void everyPairPings() throws Exception {
    for (LabNode from : List.of(n1, n2, n3)) {
      for (LabNode to : List.of(n1, n2, n3)) {
        if (from != to) {
          ping(from.ns, to.overlay, Duration.ofSeconds(30));
        }
      }
    }
  }

  @Test
  @Order(2)
  void lanDiscoveryFilledInTheEndpointsNoConfigNamed() throws Exception {
    for (var p : n3.status().get("peers")) {
      String expected = p.get("name").asText().equals("n1") ? n1.underlay : n2.underlay;
      assertEquals(expected + ":9600", p.get("endpoint").asText(), p.toString());
    }
    assertTrue(Files.readString(n3.config()).lines().noneMatch(l -> l.startsWith("endpoint")));
  }

  @Test
  @Order(2)
  void aTcpTransferArrivesIntact() throws Exception {
    Process server =
        lab.spawn(
            n2.ns,
            JavaCommand.of(TcpCheck.class.getName(), "server", "7000"),
            work.resolve("tcp-server.log"));
    waitForLine(work.resolve("tcp-server.log"), "listening", Duration.ofSeconds(60));
    String sent =
        Commands.run(
            NetLab.inside(
                n1.ns,
                JavaCommand.of(
                    TcpCheck.class.getName(), "client", n2.overlay, "7000", "8000000", "42")));
    assertTrue(server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    String received = Files.readString(work.resolve("tcp-server.log"));
    String digest = sent.strip().split(" ")[2];
    assertTrue(received.contains("received 8000000 " + digest), received + " vs " + sent);
  }

  @Test
  @Order(3)
  void aPacketWithAForgedInnerSourceIsDropped() throws Exception {
    long before = n2.counter("dropped_disallowed_source");
    // n3 claims n1's overlay address as the source of a packet it sends to n2.
    lab.run(n3.ns, "ip", "address", "add", n1.overlay + "/32", "dev", "wolfnet0");
    try {
      assertThrows(
          IOException.class,
          () -> lab.run(n3.ns, "ping", "-c", "2", "-W", "1", "-I", n1.overlay, n2.overlay));
    } finally {
      lab.run(n3.ns, "ip", "address", "del", n1.overlay + "/32", "dev", "wolfnet0");
    }
    assertTrue(n2.counter("dropped_disallowed_source") >= before + 2);
  }

  @Test
  @Order(4)
  void aReplayedDataPacketIsDroppedAndCounted() throws Exception {
    long before = n2.counter("dropped_replay_duplicate");
    // The kernel sends every WolfNet data packet (type 4) from n1 twice: the copy is a replay.
    String rules =
        "table netdev wolfnet_replay {\n  chain out {\n"
            + "    type filter hook egress device \"eth0\" priority 0; policy accept;\n"
            + "    udp dport 9600 @th,64,8 4 dup to \"eth0\"\n  }\n}\n";
    Commands.run(NetLab.inside(n1.ns, List.of("nft", "-f", "-")), rules);
    try {
      lab.run(n1.ns, "ping", "-c", "3", "-i", "0.2", "-W", "2", n2.overlay);
    } finally {
      lab.run(n1.ns, "nft", "delete", "table", "netdev", "wolfnet_replay");
    }
    assertTrue(n2.counter("dropped_replay_duplicate") >= before + 3);
  }

  @Test
  @Order(5)
  void aPeerWithAnUnknownKeyIsRefused() throws Exception {
    assertThrows(IOException.class, () -> lab.run(x.ns, "ping", "-c", "2", "-W", "1", n1.overlay));
    assertTrue(n1.counter("dropped_unknown_peer") >= 1);
    assertEquals(0, x.counter("sessions_established"));
  }

  @Test
  @Order(6)
  void aRestartedPeerReconnectsAndItsInterfaceIsRemovedOnStop() throws Exception {
    n2.stop();
    assertThrows(IOException.class, () -> lab.run(n2.ns, "ip", "link", "show", "wolfnet0"));
    n2.start(START);
    ping(n1.ns, n2.overlay, Duration.ofSeconds(30));
    ping(n2.ns, n3.overlay, Duration.ofSeconds(30));
  }

  @Test
  @Order(7)
  void aHostJoinsWithATokenAndTheTokenIsSpent() throws Exception {
    String token =
        cli(
            "token",
            "-c",
            n1.config().toString(),
            "--endpoint",
            n1.underlay + ":9600",
            "--ttl-hours",
            "1");
    LabNode j = new LabNode(lab, work, "j", lab.namespace("j"), "10.0.40.4", "192.168.88.4", 9600);
    lab.attach(j.ns, "eth0", j.underlay + "/24", lab.namespaceName("sw"), "br0");
    cli("join", token.strip(), "-c", j.config().toString());
    String toml = Files.readString(j.config());
    assertTrue(toml.contains("address = \"10.0.40.4/24\""), toml);
    Files.writeString(
        j.config(),
        toml.replace(
                "# control_socket = \"/run/wolfnet/wolfnet0.sock\"",
                "control_socket = \"control.sock\"")
            .replace("[discovery]\n", "[discovery]\nenabled = false\n"));
    j.start(START);
    ping(j.ns, n1.overlay, Duration.ofSeconds(30));
    assertEquals(1, n1.counter("peers_admitted"));
    assertTrue(Files.readString(n1.dir.resolve("state/tokens")).contains("admitted"));
    j.stop();
  }

  private static String cli(String... args) {
    var out = new java.io.StringWriter();
    var err = new java.io.StringWriter();
    var cl = wolf.cli.Cli.commandLine(new WolfNetMain());
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    int code = cl.execute(args);
    assertEquals(0, code, String.join(" ", args) + ": " + err);
    return out.toString();
  }

  @Test
  @Order(8)
  void theGatewayNatsToTheRemoteNetworkAndTheNextGatewayTakesOver() throws Exception {
    awaitGateway(n3, n1.overlay, Duration.ofSeconds(20));
    ping(n3.ns, "172.31.9.1", Duration.ofSeconds(20));
    n1.kill();
    awaitGateway(n3, n2.overlay, Duration.ofSeconds(20));
    ping(n3.ns, "172.31.9.1", Duration.ofSeconds(20));
  }

  private static void awaitGateway(LabNode node, String expected, Duration timeout)
      throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    String now;
    while (!(now = node.activeGateway()).equals(expected)) {
      if (System.nanoTime() > end) {
        throw new AssertionError(node + ": active gateway is " + now + ", expected " + expected);
      }
      Thread.sleep(200);
    }
  }

  private static void ping(String ns, String target, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        lab.run(ns, "ping", "-c", "1", "-W", "1", target);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > end) {
          throw new AssertionError(ns + " cannot ping " + target + ": " + e.getMessage());
        }
      }
    }
  }

  private static void waitForLine(Path file, String text, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(file) || !Files.readString(file).contains(text)) {
      if (System.nanoTime() > end) {
        throw new AssertionError(file + " never said " + text);
      }
      Thread.sleep(100);
    }
  }
}
