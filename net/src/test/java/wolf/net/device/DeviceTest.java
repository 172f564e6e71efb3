package wolf.net.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import wolf.net.keys.KeyPair;
import wolf.net.transport.Cidr;
import wolf.net.transport.DropReason;
import wolf.net.transport.NetClock;
import wolf.net.transport.NetStat;
import wolf.net.transport.Packets;
import wolf.net.tun.ChannelTun;
import wolf.net.udp.MemoryUdp;

/**
 * Whole devices wired as the daemon wires them, over an in-memory TUN and UDP network: packets
 * cross through real handshakes, peer actors and packet threads.
 */
class DeviceTest {
  private static final ActorTestKit kit = ActorTestKit.create();
  private final MemoryUdp.Network net = new MemoryUdp.Network();
  private final List<WolfNetDevice> devices = new ArrayList<>();

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  @AfterEach
  void close() {
    devices.forEach(WolfNetDevice::close);
  }

  record Node(KeyPair keys, String address, InetSocketAddress endpoint, ChannelTun tun) {}

  private static Node node(int i) {
    return new Node(
        KeyPair.generate(),
        "10.0.10." + i,
        new InetSocketAddress("192.168.7." + i, 9600),
        new ChannelTun("wn" + i));
  }

  private static PeerSpec peerOf(Node n, boolean gateway, String... extra) {
    List<Cidr> allowed = new ArrayList<>(List.of(Cidr.parse(n.address() + "/32")));
    for (String e : extra) {
      allowed.add(Cidr.parse(e));
    }
    return new PeerSpec(n.address(), n.keys().publicKey(), n.endpoint(), allowed, gateway, null);
  }

  private WolfNetDevice start(Node self, boolean gateway, List<Cidr> routes, PeerSpec... peers)
      throws Exception {
    DeviceSettings s =
        new DeviceSettings(
            self.tun().name(),
            InetAddress.getByName(self.address()),
            24,
            self.endpoint().getPort(),
            1420,
            1,
            Duration.ofMillis(200),
            Duration.ofSeconds(1),
            gateway,
            routes,
            List.of(peers));
    WolfNetDevice d =
        WolfNetDevice.start(
            s,
            self.keys(),
            self.tun(),
            net.attach(self.endpoint()),
            NetClock.SYSTEM,
            kit.system(),
            TokenLedger.inMemory());
    devices.add(d);
    return d;
  }

  @Test
  void packetsCrossBothWaysAfterAHandshake() throws Exception {
    Node a = node(1);
    Node b = node(2);
    WolfNetDevice da = start(a, false, List.of(), peerOf(b, false));
    WolfNetDevice db = start(b, false, List.of(), peerOf(a, false));
    byte[] ping = Packets.ipv4(a.address(), b.address(), 100);
    a.tun().inject(ping);
    assertArrayEquals(ping, b.tun().take(5000));
    byte[] pong = Packets.ipv4(b.address(), a.address(), 1300);
    b.tun().inject(pong);
    assertArrayEquals(pong, a.tun().take(5000));
    assertTrue(da.counters().get(NetStat.SESSIONS_ESTABLISHED) >= 1);
    assertTrue(db.counters().get(NetStat.DATA_PACKETS_RECEIVED) >= 1);
  }

  @Test
  void replayedAndForgedPacketsAreDroppedAndCounted() throws Exception {
    Node a = node(1);
    Node b = node(2);
    Node c = node(3);
    List<MemoryUdp.Datagram> seen = new CopyOnWriteArrayList<>();
    net.setFilter(
        d -> {
          seen.add(d);
          return true;
        });
    start(a, false, List.of(), peerOf(b, false), peerOf(c, false));
    WolfNetDevice db = start(b, false, List.of(), peerOf(a, false));
    byte[] ping = Packets.ipv4(a.address(), b.address(), 64);
    a.tun().inject(ping);
    assertNotNull(b.tun().take(5000));
    MemoryUdp.Datagram data =
        seen.stream()
            .filter(d -> d.to().equals(b.endpoint()) && d.payload().length > 32)
            .filter(d -> d.payload()[0] == 4)
            .reduce((x, y) -> y)
            .orElseThrow();
    net.inject(data.from(), data.to(), data.payload());
    waitFor(() -> db.counters().dropped(DropReason.REPLAY_DUPLICATE) == 1);
    assertNull(b.tun().take(200));

    // a packet from a with c's address as its inner source: a may not send as c
    a.tun().inject(Packets.ipv4(c.address(), b.address(), 64));
    waitFor(() -> db.counters().dropped(DropReason.DISALLOWED_SOURCE) == 1);
    assertNull(b.tun().take(200));
  }

  @Test
  void theLowestLiveGatewayCarriesGatewayRoutesAndAnotherTakesOver() throws Exception {
    Node g1 = node(1);
    Node g2 = node(2);
    Node client = node(3);
    List<Cidr> remote = List.of(Cidr.parse("172.31.0.0/24"));
    WolfNetDevice d1 = start(g1, true, remote, peerOf(g2, true), peerOf(client, false));
    start(g2, true, remote, peerOf(g1, true), peerOf(client, false));
    WolfNetDevice dc = start(client, false, remote, peerOf(g1, true), peerOf(g2, true));
    waitFor(() -> dc.activeGateway().equals(g1.address()));
    byte[] out = Packets.ipv4(client.address(), "172.31.0.9", 64);
    client.tun().inject(out);
    assertArrayEquals(out, g1.tun().take(5000));
    byte[] back = Packets.ipv4("172.31.0.9", client.address(), 64);
    g1.tun().inject(back);
    assertArrayEquals(back, client.tun().take(5000));

    d1.close();
    waitFor(() -> dc.activeGateway().equals(g2.address()));
    client.tun().inject(out);
    assertArrayEquals(out, g2.tun().take(5000));
  }

  @Test
  void aStrangerKeyIsRefused() throws Exception {
    Node a = node(1);
    Node b = node(2);
    // b knows a, but a does not know b's key
    WolfNetDevice da = start(a, false, List.of(), peerOf(node(3), false));
    start(b, false, List.of(), peerOf(a, false));
    b.tun().inject(Packets.ipv4(b.address(), a.address(), 64));
    waitFor(() -> da.counters().dropped(DropReason.UNKNOWN_PEER) >= 1);
    assertNull(a.tun().take(300));
    assertEquals(0, da.counters().get(NetStat.SESSIONS_ESTABLISHED));
  }

  @Test
  void aJoinTokenAdmitsOneKeyOnce() throws Exception {
    Node a = node(1);
    Node first = node(5);
    Node second = node(6);
    wolf.net.keys.JoinToken token =
        wolf.net.keys.JoinToken.issue(
            a.keys(),
            InetAddress.getByName(a.address()),
            InetAddress.getByName("10.0.10.5"),
            24,
            List.of("192.168.7.1:9600"),
            System.currentTimeMillis() / 1000 + 3600,
            new java.security.SecureRandom());
    WolfNetDevice da = start(a, false, List.of());
    PeerSpec inviter =
        new PeerSpec(
            "a",
            a.keys().publicKey(),
            a.endpoint(),
            List.of(Cidr.parse(a.address() + "/32")),
            false,
            token);
    start(first, false, List.of(), inviter);
    first.tun().inject(Packets.ipv4("10.0.10.5", a.address(), 64));
    assertNotNull(a.tun().take(5000));
    assertEquals(1, da.counters().get(NetStat.PEERS_ADMITTED));

    start(second, false, List.of(), inviter);
    second.tun().inject(Packets.ipv4("10.0.10.5", a.address(), 64));
    waitFor(() -> da.counters().dropped(DropReason.BAD_TOKEN) >= 1);
    assertEquals(1, da.counters().get(NetStat.PEERS_ADMITTED));
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
