package wolf.net.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wolf.net.crypto.Kdf;
import wolf.net.handshake.FakeNetwork.Datagram;
import wolf.net.handshake.HandshakeEvent.Dropped;
import wolf.net.handshake.HandshakeEvent.SessionEstablished;
import wolf.net.keys.PublicKey;
import wolf.net.transport.DropReason;
import wolf.net.transport.FakeClock;
import wolf.net.transport.NetStat;
import wolf.net.transport.Packets;
import wolf.net.transport.Session;
import wolf.net.transport.TransportCodec;

class HandshakeTest {
  private final FakeClock clock = new FakeClock();
  private final FakeNetwork net = new FakeNetwork();
  private TestNode a;
  private TestNode b;

  @BeforeEach
  void setUp() {
    a = new TestNode("a", 1001, net, clock);
    b = new TestNode("b", 1002, net, clock);
    a.addPeer(b, "10.0.0.2/32");
    b.addPeer(a, "10.0.0.1/32");
  }

  static DropReason dropOf(HandshakeEvent e) {
    return e instanceof Dropped d ? d.reason() : null;
  }

  /** Recomputes MAC1 as a sender that knows the receiver's public key would. */
  static void restampMac1(byte[] m, PublicKey receiver) {
    Kdf kdf = new Kdf();
    byte[] key = kdf.hash(Noise.LABEL_MAC1, receiver.bytes());
    System.arraycopy(kdf.mac16(key, m, 0, m.length - 32), 0, m, m.length - 32, 16);
  }

  @Test
  void fullHandshakeThenDataBothWays() {
    a.initiate(b);
    Datagram init = net.take();
    assertEquals(MessageType.INITIATION, init.type());
    assertEquals(148, init.data().length);
    net.deliver(init);
    Datagram response = net.take();
    assertEquals(MessageType.RESPONSE, response.type());
    assertEquals(92, response.data().length);
    assertInstanceOf(SessionEstablished.class, b.lastEvent());
    net.deliver(response);
    assertInstanceOf(SessionEstablished.class, a.lastEvent());
    assertTrue(net.isEmpty());

    assertNotNull(a.peer(b).sendSession());
    assertNull(b.peer(a).sendSession(), "responder waits for key confirmation");
    byte[] ab = Packets.ipv4("10.0.0.1", "10.0.0.2", 1000);
    assertTrue(a.sendIp(ab) > 0);
    net.deliverAll();
    assertArrayEquals(ab, b.tun.poll());
    byte[] ba = Packets.ipv4("10.0.0.2", "10.0.0.1", 200);
    assertTrue(b.sendIp(ba) > 0);
    net.deliverAll();
    assertArrayEquals(ba, a.tun.poll());
    assertEquals(0, a.counters.droppedTotal() + b.counters.droppedTotal());
    assertEquals(1, a.counters.get(NetStat.SESSIONS_ESTABLISHED));
    assertEquals(1, b.counters.get(NetStat.INITIATIONS_ACCEPTED));
  }

  @Test
  void replayedInitiationIsRefused() {
    a.initiate(b);
    Datagram init = net.take();
    net.deliver(init);
    net.deliverAll();
    int indices = b.table.size();
    clock.advance(Duration.ofSeconds(1));
    net.deliver(init);
    assertEquals(DropReason.HANDSHAKE_REPLAY, dropOf(b.lastEvent()));
    assertTrue(net.isEmpty(), "no response to a replay");
    assertEquals(indices, b.table.size());
  }

  @Test
  void olderInitiationIsRefusedAfterANewerOne() {
    a.initiate(b);
    Datagram older = net.take();
    clock.advance(Duration.ofSeconds(1));
    a.initiate(b);
    net.deliver(net.take());
    assertInstanceOf(SessionEstablished.class, b.lastEvent());
    net.deliver(older);
    assertEquals(DropReason.HANDSHAKE_REPLAY, dropOf(b.lastEvent()));
  }

  @Test
  void initiationsFasterThanTheMinimumIntervalAreRefused() {
    a.initiate(b);
    net.deliverAll();
    clock.advance(Duration.ofMillis(18));
    a.initiate(b);
    net.deliver(net.take());
    assertEquals(DropReason.HANDSHAKE_FLOOD, dropOf(b.lastEvent()));
    clock.advance(Duration.ofMillis(5));
    a.initiate(b);
    net.deliver(net.take());
    assertInstanceOf(SessionEstablished.class, b.lastEvent());
  }

  @Test
  void unknownStaticKeyIsRefused() {
    TestNode c = new TestNode("c", 1003, net, clock);
    c.addPeer(b, "10.0.0.2/32");
    c.initiate(b);
    net.deliverAll();
    assertEquals(DropReason.UNKNOWN_PEER, dropOf(b.lastEvent()));
    assertTrue(c.events.isEmpty(), "c got no answer");
    assertNull(c.peer(b).sendSession());
    assertEquals(1, b.counters.dropped(DropReason.UNKNOWN_PEER));
  }

  @Test
  void everySessionHasItsOwnKeysAcrossRehandshakesAndRestarts() {
    byte[] p = Packets.ipv4("10.0.0.1", "10.0.0.2", 100);
    byte[][] firstPackets = new byte[3][];
    for (int i = 0; i < 3; i++) {
      if (i == 2) {
        // Restart a: same identity, fresh process state. Its counters start at 0 again.
        a =
            new TestNode(
                "a2", a.keys, 1001, net, clock, HandshakeSettings.DEFAULTS, Admission.REFUSE_ALL);
        a.addPeer(b, "10.0.0.2/32");
      }
      a.initiate(b);
      net.deliverAll();
      Session s = a.peer(b).sendSession();
      assertEquals(0, s.sentCount());
      a.sendIp(p);
      Datagram d = net.take();
      assertEquals(0, wolf.net.transport.Bytes.getLongLe(d.data(), 8), "counter starts at 0");
      firstPackets[i] = Arrays.copyOfRange(d.data(), 16, d.data().length);
      net.deliver(d);
      assertArrayEquals(p, b.tun.poll());
      clock.advance(Duration.ofSeconds(1));
    }
    // Same plaintext under nonce 0 each time: equal ciphertexts would mean a reused key.
    assertFalse(Arrays.equals(firstPackets[0], firstPackets[1]));
    assertFalse(Arrays.equals(firstPackets[1], firstPackets[2]));
    assertFalse(Arrays.equals(firstPackets[0], firstPackets[2]));
  }

  @Test
  void badMac1IsDroppedBeforeAnyDiffieHellman() {
    a.initiate(b);
    byte[] m = net.take().data();
    byte[] bad = m.clone();
    bad[bad.length - 32] ^= 1;
    b.receive(a.address, bad);
    assertEquals(DropReason.BAD_MAC1, dropOf(b.lastEvent()));
    // A low-order ephemeral would fail the DH; with a wrong MAC1 it never gets that far.
    byte[] lowOrder = m.clone();
    Arrays.fill(lowOrder, 8, 40, (byte) 0);
    b.receive(a.address, lowOrder);
    assertEquals(DropReason.BAD_MAC1, dropOf(b.lastEvent()));
    restampMac1(lowOrder, b.keys.publicKey());
    b.receive(a.address, lowOrder);
    assertEquals(DropReason.BAD_HANDSHAKE, dropOf(b.lastEvent()));
    // An initiation meant for b, delivered to c, fails c's MAC1.
    TestNode c = new TestNode("c", 1003, net, clock);
    c.addPeer(a, "10.0.0.1/32");
    c.receive(a.address, m);
    assertEquals(DropReason.BAD_MAC1, dropOf(c.lastEvent()));
    assertTrue(net.isEmpty());
  }

  @Test
  void forgedResponseDoesNotCancelTheHandshake() {
    a.initiate(b);
    net.deliver(net.take());
    byte[] response = net.take().data();
    byte[] forged = response.clone();
    forged[50] ^= 1;
    restampMac1(forged, a.keys.publicKey());
    a.receive(b.address, forged);
    assertEquals(DropReason.BAD_HANDSHAKE, dropOf(a.lastEvent()));
    a.receive(b.address, response);
    assertInstanceOf(SessionEstablished.class, a.lastEvent());
    a.receive(b.address, response);
    assertEquals(DropReason.UNEXPECTED_HANDSHAKE, dropOf(a.lastEvent()));
  }

  @Test
  void staleInitiationGetsNoSession() {
    a.initiate(b);
    net.deliver(net.take());
    clock.advance(Duration.ofSeconds(91));
    net.deliverAll();
    assertEquals(DropReason.UNEXPECTED_HANDSHAKE, dropOf(a.lastEvent()));
    assertNull(a.peer(b).sendSession());
  }

  @Test
  void unknownMessageTypesAndWrongSizesAreCounted() {
    b.receive(a.address, new byte[] {1, 0});
    b.receive(a.address, new byte[] {9, 0, 0, 0, 1, 2, 3});
    b.receive(a.address, new byte[100]);
    byte[] longResponse = new byte[93];
    longResponse[0] = 2;
    b.receive(a.address, longResponse);
    byte[] shortInit = new byte[147];
    shortInit[0] = 1;
    b.receive(a.address, shortInit);
    byte[] hugeInit = new byte[Initiation.MAX_BYTES + 1];
    hugeInit[0] = 1;
    b.receive(a.address, hugeInit);
    assertEquals(2, b.counters.dropped(DropReason.TRUNCATED));
    assertEquals(2, b.counters.dropped(DropReason.UNKNOWN_TYPE));
    assertEquals(2, b.counters.dropped(DropReason.OVERSIZED));
    assertTrue(net.isEmpty());
  }

  @Test
  void keepaliveConfirmsTheResponderSession() {
    a.initiate(b);
    net.deliverAll();
    a.sendKeepalive(b);
    net.deliverAll();
    assertNotNull(b.peer(a).sendSession());
    assertEquals(1, b.counters.get(NetStat.KEEPALIVES_RECEIVED));
    assertNotEquals(TransportCodec.NO_SESSION, b.sendIp(Packets.ipv4("10.0.0.2", "10.0.0.1", 1)));
  }
}
