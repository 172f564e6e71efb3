package wolf.net.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wolf.net.keys.KeyPair;

/**
 * The data path between two sides whose sessions are made by hand (the handshake is tested
 * elsewhere): A initiated, B responded.
 */
class TransportCodecTest {
  private final FakeClock clock = new FakeClock();
  private final SecureRandom random = new SecureRandom();
  private Side a;
  private Side b;
  private final byte[] wire = new byte[TransportCodec.MAX_PACKET];
  private final byte[] inner = new byte[TransportCodec.MAX_PACKET];

  /** One end: its tables, its codec, and its view of the other end. */
  private final class Side {
    final SessionTable table = new SessionTable();
    final AllowedIps<TransportPeer> routes = new AllowedIps<>();
    final NetCounters counters = new NetCounters();
    final TransportCodec codec = new TransportCodec(table, routes, clock, counters);
    final AtomicInteger rekeys = new AtomicInteger();
    final TransportPeer other;

    Side(String otherAddress) {
      other = new TransportPeer(KeyPair.generate().publicKey(), table, null);
      other.setListener(p -> rekeys.incrementAndGet());
      routes.insert(Cidr.parse(otherAddress + "/32"), other);
    }
  }

  /** Makes a session pair as a handshake would: A initiator, B responder. */
  private Session[] connect() {
    byte[] k1 = new byte[32];
    byte[] k2 = new byte[32];
    random.nextBytes(k1);
    random.nextBytes(k2);
    int ia = a.table.reserve();
    int ib = b.table.reserve();
    Session sa = new Session(a.other, ia, ib, k1, k2, true, clock.nanoTime());
    Session sb = new Session(b.other, ib, ia, k2, k1, false, clock.nanoTime());
    a.table.install(sa);
    a.other.install(sa);
    b.table.install(sb);
    b.other.install(sb);
    return new Session[] {sa, sb};
  }

  @BeforeEach
  void setUp() {
    a = new Side("10.0.0.2");
    b = new Side("10.0.0.1");
  }

  private int send(Side from, byte[] packet) {
    return from.codec.seal(from.other, packet, 0, packet.length, wire, 0);
  }

  private int receive(Side to, int len) {
    return to.codec.open(wire, 0, len, null, inner, 0);
  }

  @Test
  void dataFlowsBothWaysOnceTheResponderIsConfirmed() {
    connect();
    byte[] ab = Packets.ipv4("10.0.0.1", "10.0.0.2", 1380);
    int n = send(a, ab);
    assertEquals(TransportCodec.sealedLength(ab.length), n);
    assertEquals(0, n % 16);
    assertEquals(ab.length, receive(b, n));
    assertArrayEquals(ab, Arrays.copyOf(inner, ab.length));
    byte[] ba = Packets.ipv4("10.0.0.2", "10.0.0.1", 33);
    n = send(b, ba);
    assertEquals(ba.length, receive(a, n));
    assertArrayEquals(ba, Arrays.copyOf(inner, ba.length));
    assertEquals(1, a.counters.get(NetStat.DATA_PACKETS_RECEIVED));
    assertEquals(0, a.counters.droppedTotal() + b.counters.droppedTotal());
  }

  @Test
  void responderDoesNotSendBeforeKeyConfirmation() {
    Session[] s = connect();
    assertNull(b.other.sendSession());
    assertSame(s[1], b.other.pendingSession());
    assertEquals(TransportCodec.NO_SESSION, send(b, Packets.ipv4("10.0.0.2", "10.0.0.1", 10)));
    int n = a.codec.seal(a.other, new byte[0], 0, 0, wire, 0);
    assertEquals(TransportCodec.OVERHEAD, n);
    assertEquals(0, receive(b, n));
    assertEquals(1, b.counters.get(NetStat.KEEPALIVES_RECEIVED));
    assertSame(s[1], b.other.sendSession());
    assertTrue(s[1].isConfirmed());
  }

  @Test
  void ipv6RoundTrip() {
    a.routes.insert(Cidr.parse("fd00::2/128"), a.other);
    b.routes.insert(Cidr.parse("fd00::1/128"), b.other);
    connect();
    byte[] p = Packets.ipv6("fd00::1", "fd00::2", 500);
    assertEquals(p.length, receive(b, send(a, p)));
  }

  @Test
  void duplicateAndTooOldCountersAreDroppedAndCounted() {
    connect();
    byte[] p = Packets.ipv4("10.0.0.1", "10.0.0.2", 64);
    int n = send(a, p);
    byte[] first = Arrays.copyOf(wire, n);
    assertEquals(p.length, receive(b, n));
    assertEquals(TransportCodec.DROPPED, receive(b, n));
    assertEquals(1, b.counters.dropped(DropReason.REPLAY_DUPLICATE));
    for (int i = 0; i < ReplayWindow.WINDOW + 1; i++) {
      assertEquals(p.length, receive(b, send(a, p)));
    }
    System.arraycopy(first, 0, wire, 0, n);
    assertEquals(TransportCodec.DROPPED, receive(b, n));
    assertEquals(1, b.counters.dropped(DropReason.REPLAY_TOO_OLD));
  }

  @Test
  void forgedPacketDoesNotMoveTheWindow() {
    connect();
    byte[] p = Packets.ipv4("10.0.0.1", "10.0.0.2", 64);
    int n = send(a, p);
    byte[] genuine = Arrays.copyOf(wire, n);
    // Same header with a far-ahead counter and garbage: if the window moved, counter 0 would be
    // too old afterwards.
    Bytes.putLongLe(wire, 8, 1_000_000);
    wire[20] ^= 1;
    assertEquals(TransportCodec.DROPPED, receive(b, n));
    // A forgery with the genuine counter, then the genuine packet with that same counter.
    System.arraycopy(genuine, 0, wire, 0, n);
    wire[n - 1] ^= 1;
    assertEquals(TransportCodec.DROPPED, receive(b, n));
    assertEquals(2, b.counters.dropped(DropReason.BAD_TAG));
    System.arraycopy(genuine, 0, wire, 0, n);
    assertEquals(p.length, receive(b, n));
    assertEquals(0, b.other.bytesReceived() - p.length);
  }

  @Test
  void innerSourceMustBelongToTheSendingPeer() {
    connect();
    TransportPeer carol = new TransportPeer(KeyPair.generate().publicKey(), b.table, null);
    b.routes.insert(Cidr.parse("10.0.0.3/32"), carol);
    assertEquals(
        TransportCodec.DROPPED, receive(b, send(a, Packets.ipv4("10.0.0.99", "10.0.0.2", 8))));
    assertEquals(
        TransportCodec.DROPPED, receive(b, send(a, Packets.ipv4("10.0.0.3", "10.0.0.2", 8))));
    assertEquals(2, b.counters.dropped(DropReason.DISALLOWED_SOURCE));
    assertEquals(0, b.counters.get(NetStat.DATA_PACKETS_RECEIVED));
  }

  @Test
  void innerPacketThatIsNotIpIsDropped() {
    connect();
    byte[] junk = new byte[40];
    assertEquals(TransportCodec.DROPPED, receive(b, send(a, junk)));
    byte[] lying = Packets.ipv4("10.0.0.1", "10.0.0.2", 10);
    lying[3] = (byte) 200; // declares more bytes than it has
    assertEquals(TransportCodec.DROPPED, receive(b, send(a, lying)));
    assertEquals(2, b.counters.dropped(DropReason.MALFORMED_INNER));
  }

  @Test
  void malformedTransportPacketsAreCountedNotThrown() {
    Session[] s = connect();
    int n = send(a, Packets.ipv4("10.0.0.1", "10.0.0.2", 100));
    assertEquals(TransportCodec.DROPPED, receive(b, 20));
    assertEquals(TransportCodec.DROPPED, b.codec.open(wire, 0, 2, null, inner, 0));
    assertEquals(TransportCodec.DROPPED, b.codec.open(wire, 0, n, null, new byte[50], 0));
    byte[] huge = new byte[TransportCodec.MAX_PACKET + 1];
    huge[0] = TransportCodec.TYPE;
    assertEquals(
        TransportCodec.DROPPED,
        b.codec.open(huge, 0, TransportCodec.MAX_PACKET + 1, null, inner, 0));
    byte[] other = wire.clone();
    other[0] = 9;
    assertEquals(TransportCodec.DROPPED, b.codec.open(other, 0, n, null, inner, 0));
    other[0] = 4;
    other[2] = 1;
    assertEquals(TransportCodec.DROPPED, b.codec.open(other, 0, n, null, inner, 0));
    Bytes.putIntLe(wire, 4, s[1].localIndex() + 1);
    assertEquals(TransportCodec.DROPPED, receive(b, n));
    assertEquals(2, b.counters.dropped(DropReason.TRUNCATED));
    assertEquals(2, b.counters.dropped(DropReason.OVERSIZED));
    assertEquals(2, b.counters.dropped(DropReason.UNKNOWN_TYPE));
    assertEquals(1, b.counters.dropped(DropReason.UNKNOWN_SESSION));
  }

  @Test
  void rekeyAndRejectByTime() {
    connect();
    byte[] p = Packets.ipv4("10.0.0.1", "10.0.0.2", 10);
    receive(b, send(a, p));
    clock.advance(Duration.ofSeconds(119));
    receive(b, send(a, p));
    assertEquals(0, a.rekeys.get());
    clock.advance(Duration.ofSeconds(1));
    int n = send(a, p);
    assertEquals(1, a.rekeys.get(), "initiator asks for a rekey at 120 s");
    send(b, Packets.ipv4("10.0.0.2", "10.0.0.1", 10));
    assertEquals(0, b.rekeys.get(), "the responder does not rekey on time");
    send(a, p);
    assertEquals(1, a.rekeys.get(), "asked once per session");
    clock.advance(Duration.ofSeconds(60));
    assertEquals(TransportCodec.SESSION_EXPIRED, send(a, p));
    assertEquals(TransportCodec.DROPPED, receive(b, n));
    assertEquals(1, b.counters.dropped(DropReason.SESSION_EXPIRED));
  }

  @Test
  void initiatorRekeysWhenReceivingOnAnAgingSession() {
    connect();
    receive(b, send(a, Packets.ipv4("10.0.0.1", "10.0.0.2", 10)));
    clock.advance(Duration.ofNanos(Limits.REKEY_ON_RECEIVE_AGE - 1));
    receive(a, send(b, Packets.ipv4("10.0.0.2", "10.0.0.1", 10)));
    assertEquals(0, a.rekeys.get());
    clock.advance(Duration.ofNanos(1));
    int n = send(b, Packets.ipv4("10.0.0.2", "10.0.0.1", 10));
    assertTrue(n > 0, "the responder still sends at this age");
    receive(a, n);
    assertEquals(1, a.rekeys.get(), "A received without sending, and asks for a new session");
  }

  @Test
  void rekeyAndRejectByMessageCount() {
    Session[] s = connect();
    byte[] p = Packets.ipv4("10.0.0.1", "10.0.0.2", 10);
    s[0].skipSendCounterTo(Limits.REKEY_AFTER_MESSAGES - 2);
    int n = send(a, p);
    assertEquals(0, a.rekeys.get());
    assertEquals(p.length, receive(b, n));
    send(a, p);
    assertEquals(1, a.rekeys.get());
    s[0].skipSendCounterTo(Limits.REJECT_AFTER_MESSAGES - 1);
    n = send(a, p);
    assertTrue(n > 0, "the last counter is still usable");
    assertEquals(TransportCodec.SESSION_EXPIRED, send(a, p));
    assertEquals(TransportCodec.SESSION_EXPIRED, send(a, p));
    // The receiver refuses such counters before any decryption.
    Bytes.putLongLe(wire, 8, Limits.REJECT_AFTER_MESSAGES);
    assertEquals(TransportCodec.DROPPED, receive(b, n));
    Bytes.putLongLe(wire, 8, -1L);
    assertEquals(TransportCodec.DROPPED, receive(b, n));
    assertEquals(2, b.counters.dropped(DropReason.SESSION_EXPIRED));
  }

  @Test
  void endpointFollowsAuthenticatedPacketsOnly() {
    connect();
    InetSocketAddress home = new InetSocketAddress("192.0.2.1", 9600);
    InetSocketAddress roamed = new InetSocketAddress("198.51.100.7", 40000);
    b.other.setEndpoint(home);
    int n = send(a, Packets.ipv4("10.0.0.1", "10.0.0.2", 10));
    wire[n - 1] ^= 1;
    b.codec.open(wire, 0, n, roamed, inner, 0);
    assertEquals(home, b.other.endpoint(), "a forged packet must not move the endpoint");
    wire[n - 1] ^= 1;
    b.codec.open(wire, 0, n, roamed, inner, 0);
    assertEquals(roamed, b.other.endpoint());
    assertEquals(1, b.counters.get(NetStat.ENDPOINT_CHANGES));
  }

  @Test
  void sessionsRotateAndRetiredOnesAreUnknown() {
    Session[] first = connect();
    byte[] p = Packets.ipv4("10.0.0.1", "10.0.0.2", 10);
    receive(b, send(a, p));
    int oldN = send(a, p);
    byte[] inFlight = Arrays.copyOf(wire, oldN);
    Session[] second = connect();
    assertSame(first[1], b.other.sendSession(), "B keeps sending on the confirmed session");
    receive(b, send(a, p));
    assertSame(second[1], b.other.sendSession());
    System.arraycopy(inFlight, 0, wire, 0, oldN);
    assertEquals(p.length, receive(b, oldN), "previous session still receives in-flight packets");
    connect();
    receive(b, send(a, p));
    System.arraycopy(inFlight, 0, wire, 0, oldN);
    assertEquals(TransportCodec.DROPPED, receive(b, oldN));
    assertEquals(1, b.counters.dropped(DropReason.UNKNOWN_SESSION));
    assertTrue(first[1].isRetired());
    assertNull(b.table.get(first[1].localIndex()));
  }
}
