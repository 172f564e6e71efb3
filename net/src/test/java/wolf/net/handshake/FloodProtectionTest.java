package wolf.net.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import wolf.net.handshake.FakeNetwork.Datagram;
import wolf.net.handshake.HandshakeEvent.CookieReceived;
import wolf.net.handshake.HandshakeEvent.SessionEstablished;
import wolf.net.keys.KeyPair;
import wolf.net.transport.DropReason;
import wolf.net.transport.FakeClock;
import wolf.net.transport.NetStat;

/** MAC2 cookies under load and the per-source rate limit. */
class FloodProtectionTest {
  private final FakeClock clock = new FakeClock();
  private final FakeNetwork net = new FakeNetwork();
  private TestNode a;
  private TestNode b;

  private void nodes(HandshakeSettings responderSettings) {
    a = new TestNode("a", 1001, net, clock);
    b =
        new TestNode(
            "b", KeyPair.generate(), 1002, net, clock, responderSettings, Admission.REFUSE_ALL);
    a.addPeer(b, "10.0.0.2/32");
    b.addPeer(a, "10.0.0.1/32");
  }

  /** Delivers what is in flight, then one fresh initiation to b; returns what b made of it. */
  private HandshakeEvent initiateOnce() {
    net.deliverAll();
    clock.advance(Duration.ofMillis(25));
    a.initiate(b);
    net.deliver(net.take());
    return b.lastEvent();
  }

  @Test
  void underLoadTheOnlyAnswerIsACookieUntilMac2IsRight() {
    nodes(new HandshakeSettings(0, 20, 5));
    a.initiate(b);
    net.deliver(net.take());
    assertEquals(DropReason.COOKIE_REQUIRED, HandshakeTest.dropOf(b.lastEvent()));
    Datagram reply = net.take();
    assertEquals(MessageType.COOKIE_REPLY, reply.type());
    assertEquals(64, reply.data().length);
    assertEquals(0, b.counters.get(NetStat.INITIATIONS_ACCEPTED), "no DH work was done");

    net.deliver(reply);
    assertInstanceOf(CookieReceived.class, a.lastEvent());
    net.deliver(reply);
    assertEquals(DropReason.BAD_COOKIE_REPLY, HandshakeTest.dropOf(a.lastEvent()));

    assertInstanceOf(SessionEstablished.class, initiateOnce());
    net.deliverAll();
    assertInstanceOf(SessionEstablished.class, a.lastEvent());
  }

  @Test
  void theCookieIsBoundToTheSourceAddress() {
    nodes(new HandshakeSettings(0, 20, 5));
    a.initiate(b);
    net.deliverAll();
    clock.advance(Duration.ofMillis(25));
    a.initiate(b);
    Datagram d = net.take();
    b.receive(new InetSocketAddress("127.0.0.1", 4444), d.data());
    assertEquals(DropReason.COOKIE_REQUIRED, HandshakeTest.dropOf(b.lastEvent()));
    assertEquals(2, b.counters.get(NetStat.COOKIE_REPLIES_SENT));
  }

  @Test
  void forgedCookieReplyIsRefused() {
    nodes(new HandshakeSettings(0, 20, 5));
    a.initiate(b);
    net.deliver(net.take());
    byte[] forged = net.take().data();
    forged[40] ^= 1;
    a.receive(b.address, forged);
    assertEquals(DropReason.BAD_COOKIE_REPLY, HandshakeTest.dropOf(a.lastEvent()));
    byte[] stray = forged.clone();
    stray[4] ^= 1;
    a.receive(b.address, stray);
    assertEquals(DropReason.UNEXPECTED_HANDSHAKE, HandshakeTest.dropOf(a.lastEvent()));
  }

  @Test
  void loadIsMeasuredPerSecondAndPasses() {
    nodes(new HandshakeSettings(2, 20, 5));
    assertInstanceOf(SessionEstablished.class, initiateOnce());
    assertInstanceOf(SessionEstablished.class, initiateOnce());
    assertEquals(DropReason.COOKIE_REQUIRED, HandshakeTest.dropOf(initiateOnce()));
    net.deliverAll();
    clock.advance(Duration.ofMillis(2500));
    // Load is over; a cookie a holds does not matter either way.
    assertInstanceOf(SessionEstablished.class, initiateOnce());
  }

  @Test
  void underLoadEachSourceIsRateLimited() {
    nodes(new HandshakeSettings(0, 1, 1));
    assertEquals(DropReason.COOKIE_REQUIRED, HandshakeTest.dropOf(initiateOnce()));
    net.deliverAll();
    assertInstanceOf(SessionEstablished.class, initiateOnce());
    net.deliverAll();
    assertEquals(DropReason.RATE_LIMITED, HandshakeTest.dropOf(initiateOnce()));
    clock.advance(Duration.ofSeconds(1));
    assertInstanceOf(SessionEstablished.class, initiateOnce());
    assertTrue(b.counters.dropped(DropReason.RATE_LIMITED) >= 1);
  }
}
