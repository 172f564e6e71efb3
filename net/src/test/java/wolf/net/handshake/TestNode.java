package wolf.net.handshake;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import wolf.net.keys.JoinToken;
import wolf.net.keys.KeyPair;
import wolf.net.keys.PublicKey;
import wolf.net.transport.AllowedIps;
import wolf.net.transport.Cidr;
import wolf.net.transport.FakeClock;
import wolf.net.transport.NetCounters;
import wolf.net.transport.SessionTable;
import wolf.net.transport.TransportCodec;
import wolf.net.transport.TransportPeer;

/**
 * One WolfNet device wired the way the daemon will wire it, minus TUN and sockets: datagrams go
 * through a {@link FakeNetwork}, decrypted inner packets land in {@link #tun}.
 */
final class TestNode {
  final String name;
  final KeyPair keys;
  final InetSocketAddress address;
  final FakeNetwork net;
  final FakeClock clock;
  final SessionTable table = new SessionTable();
  final AllowedIps<TransportPeer> routes = new AllowedIps<>();
  final NetCounters counters = new NetCounters();
  final TransportCodec codec;
  HandshakeEngine engine;
  final Map<PublicKey, TransportPeer> peers = new HashMap<>();
  final List<HandshakeEvent> events = new ArrayList<>();
  final Deque<byte[]> tun = new ArrayDeque<>();
  private final byte[] out = new byte[TransportCodec.MAX_PACKET];
  private final byte[] in = new byte[TransportCodec.MAX_PACKET];

  TestNode(String name, int port, FakeNetwork net, FakeClock clock) {
    this(
        name,
        KeyPair.generate(),
        port,
        net,
        clock,
        HandshakeSettings.DEFAULTS,
        Admission.REFUSE_ALL);
  }

  TestNode(
      String name,
      KeyPair keys,
      int port,
      FakeNetwork net,
      FakeClock clock,
      HandshakeSettings settings,
      Admission admission) {
    this.name = name;
    this.keys = keys;
    this.address = new InetSocketAddress("127.0.0.1", port);
    this.net = net;
    this.clock = clock;
    this.codec = new TransportCodec(table, routes, clock, counters);
    this.engine =
        new HandshakeEngine(keys, table, clock, counters, settings, admission, new SecureRandom());
    net.attach(this);
  }

  /** Configures {@code other} as a peer reachable at its address, owning {@code allowed}. */
  TransportPeer addPeer(TestNode other, String... allowed) {
    TransportPeer p = new TransportPeer(other.keys.publicKey(), table, other.address);
    for (String cidr : allowed) {
      routes.insert(Cidr.parse(cidr), p);
    }
    engine.addPeer(p);
    peers.put(p.key(), p);
    return p;
  }

  TransportPeer peer(TestNode other) {
    return peers.get(other.keys.publicKey());
  }

  void initiate(TestNode other) {
    initiate(other.keys.publicKey(), null);
  }

  void initiate(PublicKey key, JoinToken token) {
    net.send(address, peers.get(key).endpoint(), engine.createInitiation(key, token));
  }

  /** Routes an inner packet by destination and sends it; returns the seal result. */
  int sendIp(byte[] packet) {
    TransportPeer p = routes.lookupDestination(packet, 0, packet.length);
    if (p == null) {
      return -100;
    }
    int n = codec.seal(p, packet, 0, packet.length, out, 0);
    if (n > 0) {
      net.send(address, p.endpoint(), Arrays.copyOf(out, n));
    }
    return n;
  }

  void sendKeepalive(TestNode other) {
    TransportPeer p = peer(other);
    int n = codec.seal(p, new byte[0], 0, 0, out, 0);
    net.send(address, p.endpoint(), Arrays.copyOf(out, n));
  }

  /** The UDP receive loop's body: transport to the codec, everything else to the engine. */
  void receive(InetSocketAddress from, byte[] data) {
    if (MessageType.of(data, 0, data.length) == MessageType.TRANSPORT) {
      int n = codec.open(data, 0, data.length, from, in, 0);
      if (n > 0) {
        tun.add(Arrays.copyOf(in, n));
      }
      return;
    }
    HandshakeOutcome outcome = engine.receive(data, 0, data.length, from);
    events.add(outcome.event());
    if (outcome.hasReply()) {
      net.send(address, from, outcome.reply());
    }
  }

  HandshakeEvent lastEvent() {
    return events.get(events.size() - 1);
  }

  @Override
  public String toString() {
    return name;
  }
}
