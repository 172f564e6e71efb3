package wolf.net.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wolf.net.handshake.HandshakeEvent.Dropped;
import wolf.net.handshake.HandshakeEvent.SessionEstablished;
import wolf.net.keys.JoinToken;
import wolf.net.keys.KeyPair;
import wolf.net.transport.Cidr;
import wolf.net.transport.DropReason;
import wolf.net.transport.FakeClock;
import wolf.net.transport.NetStat;
import wolf.net.transport.Packets;
import wolf.net.transport.TransportPeer;

/** A stranger joins with a token presented inside its handshake initiation. */
class JoinTest {
  private final FakeClock clock = new FakeClock();
  private final FakeNetwork net = new FakeNetwork();
  private final Set<String> usedTokens = new HashSet<>();
  private TestNode inviter;

  @BeforeEach
  void setUp() {
    TestNode[] self = new TestNode[1];
    // The daemon's policy: each token admits one key, routed to the address the token offered.
    Admission singleUse =
        (joiner, token) -> {
          if (!usedTokens.add(token.id())) {
            return null;
          }
          TestNode n = self[0];
          TransportPeer p = new TransportPeer(joiner, n.table, null);
          n.routes.insert(Cidr.of(token.offeredAddress(), 32), p);
          n.peers.put(joiner, p);
          return p;
        };
    inviter =
        new TestNode(
            "inviter", KeyPair.generate(), 2001, net, clock, HandshakeSettings.DEFAULTS, singleUse);
    self[0] = inviter;
  }

  private JoinToken issue(KeyPair by, String offered) throws Exception {
    return JoinToken.issue(
        by,
        InetAddress.getByName("10.0.10.1"),
        InetAddress.getByName(offered),
        24,
        List.of("127.0.0.1:2001"),
        clock.epochSeconds() + 600,
        new SecureRandom());
  }

  /** What `wolfnet join TOKEN` does: trust the inviter named in the token, then say hello. */
  private TestNode join(int port, String tokenText) throws Exception {
    JoinToken token = JoinToken.decode(tokenText);
    token.checkNotExpired(clock.epochSeconds());
    TestNode joiner = new TestNode("joiner" + port, port, net, clock);
    String[] hostPort = token.endpoints().get(0).split(":");
    TransportPeer p =
        new TransportPeer(
            token.inviter(),
            joiner.table,
            new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
    joiner.routes.insert(Cidr.of(token.inviterAddress(), 32), p);
    joiner.engine.addPeer(p);
    joiner.peers.put(p.key(), p);
    joiner.initiate(p.key(), token);
    net.deliverAll();
    return joiner;
  }

  private static String detail(HandshakeEvent e) {
    return e instanceof Dropped d ? d.detail() : "";
  }

  @Test
  void validTokenAdmitsTheJoinerWithTheOfferedAddress() throws Exception {
    TestNode joiner = join(2002, issue(inviter.keys, "10.0.10.7").encode());
    assertInstanceOf(SessionEstablished.class, inviter.lastEvent());
    assertInstanceOf(SessionEstablished.class, joiner.lastEvent());
    assertEquals(1, inviter.counters.get(NetStat.PEERS_ADMITTED));
    assertTrue(inviter.engine.hasPeer(joiner.keys.publicKey()));

    byte[] hello = Packets.ipv4("10.0.10.7", "10.0.10.1", 50);
    assertTrue(joiner.sendIp(hello) > 0);
    net.deliverAll();
    assertArrayEquals(hello, inviter.tun.poll());
    byte[] back = Packets.ipv4("10.0.10.1", "10.0.10.7", 50);
    assertTrue(inviter.sendIp(back) > 0);
    net.deliverAll();
    assertArrayEquals(back, joiner.tun.poll());
    // The admitted joiner may only use the offered address.
    joiner.sendIp(Packets.ipv4("10.0.10.8", "10.0.10.1", 50));
    net.deliverAll();
    assertEquals(1, inviter.counters.dropped(DropReason.DISALLOWED_SOURCE));
  }

  @Test
  void aTokenAdmitsOnlyOneKey() throws Exception {
    String token = issue(inviter.keys, "10.0.10.7").encode();
    join(2002, token);
    join(2003, token);
    assertEquals(DropReason.BAD_TOKEN, HandshakeTest.dropOf(inviter.lastEvent()));
    assertTrue(detail(inviter.lastEvent()).contains("policy refused"));
  }

  @Test
  void tamperedTokenIsRefusedWithItsReason() throws Exception {
    byte[] raw = issue(inviter.keys, "10.0.10.7").toBytes();
    raw[1 + 32 + 1 + 4 + 1 + 3] ^= 1; // offered address 10.0.10.7 -> 10.0.10.6
    String text = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    TestNode joiner = join(2002, text);
    assertEquals(DropReason.BAD_TOKEN, HandshakeTest.dropOf(inviter.lastEvent()));
    assertTrue(detail(inviter.lastEvent()).contains("authentication tag"));
    assertTrue(joiner.events.isEmpty(), "no response to a refused join");
    assertEquals(0, inviter.counters.get(NetStat.PEERS_ADMITTED));
  }

  @Test
  void expiredTokenIsRefused() throws Exception {
    String token = issue(inviter.keys, "10.0.10.7").encode();
    JoinToken decoded = JoinToken.decode(token);
    TestNode joiner = new TestNode("late", 2002, net, clock);
    TransportPeer p =
        new TransportPeer(
            decoded.inviter(), joiner.table, new InetSocketAddress("127.0.0.1", 2001));
    joiner.engine.addPeer(p);
    joiner.peers.put(p.key(), p);
    clock.advance(Duration.ofSeconds(601));
    joiner.initiate(p.key(), decoded);
    net.deliverAll();
    assertEquals(DropReason.BAD_TOKEN, HandshakeTest.dropOf(inviter.lastEvent()));
    assertTrue(detail(inviter.lastEvent()).contains("expired"));
  }

  @Test
  void tokenFromAnotherInviterIsRefused() throws Exception {
    KeyPair other = KeyPair.generate();
    JoinToken foreign = issue(other, "10.0.10.7");
    TestNode joiner = new TestNode("j", 2002, net, clock);
    TransportPeer p =
        new TransportPeer(
            inviter.keys.publicKey(), joiner.table, new InetSocketAddress("127.0.0.1", 2001));
    joiner.engine.addPeer(p);
    joiner.peers.put(p.key(), p);
    joiner.initiate(p.key(), foreign);
    net.deliverAll();
    assertEquals(DropReason.BAD_TOKEN, HandshakeTest.dropOf(inviter.lastEvent()));
    assertTrue(detail(inviter.lastEvent()).contains("not by this node"));
  }
}
