package wolf.net.device;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.net.handshake.HandshakeEngine;
import wolf.net.handshake.HandshakeSettings;
import wolf.net.keys.KeyPair;
import wolf.net.keys.PublicKey;
import wolf.net.mesh.GatewayElection.Candidate;
import wolf.net.mesh.GatewayElector;
import wolf.net.peer.PeerActor;
import wolf.net.peer.PeerContext;
import wolf.net.peer.PeerLink;
import wolf.net.peer.Wire;
import wolf.net.transport.AllowedIps;
import wolf.net.transport.Cidr;
import wolf.net.transport.NetClock;
import wolf.net.transport.NetCounters;
import wolf.net.transport.SessionTable;
import wolf.net.transport.TransportCodec;
import wolf.net.transport.TransportPeer;
import wolf.net.tun.TunDevice;
import wolf.net.udp.UdpTransport;

/**
 * A running WolfNet device: a TUN device and UDP sockets joined by packet threads ({@link
 * OutboundLoop} per TUN queue, {@link InboundLoop} per socket, one {@link HandshakeWorker}), with
 * one {@link PeerActor} per peer and a {@link GatewayElector}.
 *
 * <p>The packet path never goes through an actor mailbox: it reads the shared, thread-safe
 * structures (session table, allowed IPs, peers' sessions) directly; actors only hear about
 * handshakes and packets that wait for one. The device does not own the TUN device, the sockets or
 * the actor system: {@link #close} stops the threads and actors, then closes the TUN device and
 * sockets it was given. Thread-safe.
 */
public final class WolfNetDevice implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WolfNetDevice.class);
  private static final AtomicInteger DEVICES = new AtomicInteger();

  /** Dispatcher of peer actors, from the module's reference.conf. */
  public static final String PEER_DISPATCHER = "wolf.net.peer-dispatcher";

  private final DeviceSettings settings;
  private final KeyPair keys;
  private final TunDevice tun;
  private final UdpTransport udp;
  private final NetClock clock;
  private final ActorSystem<?> system;
  private final NetCounters counters = new NetCounters();
  private final SessionTable sessions = new SessionTable();
  private final AllowedIps<TransportPeer> routes = new AllowedIps<>();
  private final ConcurrentHashMap<PublicKey, PeerLink> links = new ConcurrentHashMap<>();
  private final HandshakeEngine engine;
  private final HandshakeWorker handshakes;
  private final PeerContext peerContext;
  private final Wire wire;
  private final List<Thread> threads = new ArrayList<>();
  private final String id = "wolfnet" + DEVICES.incrementAndGet();
  private final AtomicInteger actorSeq = new AtomicInteger();
  private volatile boolean running = true;
  private volatile String activeGateway = "none";
  private PeerLink gatewayLink;
  private ActorRef<GatewayElector.Msg> elector;

  private WolfNetDevice(
      DeviceSettings settings,
      KeyPair keys,
      TunDevice tun,
      UdpTransport udp,
      NetClock clock,
      ActorSystem<?> system,
      TokenLedger ledger) {
    this.settings = settings;
    this.keys = keys;
    this.tun = tun;
    this.udp = udp;
    this.clock = clock;
    this.system = system;
    this.wire = (b, len, to) -> udp.send(0, ByteBuffer.wrap(b, 0, len), to);
    this.engine =
        new HandshakeEngine(
            keys,
            sessions,
            clock,
            counters,
            HandshakeSettings.DEFAULTS,
            new TokenAdmission(this, ledger),
            new SecureRandom());
    this.handshakes = new HandshakeWorker(this, engine);
    Duration tick = settings.keepalive().isZero() ? Duration.ofSeconds(1) : tickFor(settings);
    this.peerContext =
        new PeerContext(engine, this::newCodec, wire, clock, counters, settings.keepalive(), tick);
  }

  private static Duration tickFor(DeviceSettings s) {
    Duration quarter = s.keepalive().dividedBy(4);
    return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? quarter : Duration.ofSeconds(1);
  }

  /**
   * Starts the device: configured peers and those the ledger admitted earlier, peer actors, the
   * gateway elector, then the packet threads.
   */
  public static WolfNetDevice start(
      DeviceSettings settings,
      KeyPair keys,
      TunDevice tun,
      UdpTransport udp,
      NetClock clock,
      ActorSystem<?> system,
      TokenLedger ledger) {
    WolfNetDevice d = new WolfNetDevice(settings, keys, tun, udp, clock, system, ledger);
    for (PeerSpec spec : settings.peers()) {
      d.addLink(spec, true);
    }
    for (TokenLedger.Admitted a : ledger.admitted()) {
      if (!d.links.containsKey(a.key())) {
        d.addLink(TokenAdmission.specOf(a.key(), a.address()), true);
      }
    }
    d.elector =
        system.systemActorOf(
            GatewayElector.create(d::candidates, d::onGatewayElected, Duration.ofMillis(250)),
            d.id + "-gateway",
            Props.empty());
    d.startThread(d.id + "-handshake", d.handshakes);
    for (int q = 0; q < tun.queues(); q++) {
      d.startThread(d.id + "-tun-" + q, new OutboundLoop(d, q));
    }
    for (int s = 0; s < udp.sockets(); s++) {
      d.startThread(d.id + "-udp-" + s, new InboundLoop(d, s));
    }
    log.info(
        "{}: {} up at {}, UDP port {}, {} peer(s), {} packet thread(s) per direction",
        d,
        tun.name(),
        settings.interfaceAddress(),
        udp.localPort(),
        d.links.size(),
        tun.queues());
    return d;
  }

  private void startThread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  /** Adds a peer: data-path state, routes, handshake state (if asked) and its actor. */
  PeerLink addLink(PeerSpec spec, boolean registerWithEngine) {
    TransportPeer peer = new TransportPeer(spec.key(), sessions, spec.endpoint());
    PeerLink link = new PeerLink(spec, peer);
    if (links.putIfAbsent(spec.key(), link) != null) {
      throw new IllegalArgumentException("peer " + spec.key() + " is configured twice");
    }
    for (Cidr c : spec.allowedIps()) {
      routes.insert(c, peer);
    }
    if (registerWithEngine) {
      engine.addPeer(peer);
    }
    link.attach(
        system.systemActorOf(
            PeerActor.create(link, peerContext),
            id + "-peer-" + actorSeq.incrementAndGet(),
            DispatcherSelector.fromConfig(PEER_DISPATCHER)));
    return link;
  }

  private List<Candidate<PeerLink>> candidates() {
    long now = clock.nanoTime();
    long timeout = settings.peerTimeout().toNanos();
    List<Candidate<PeerLink>> out = new ArrayList<>();
    out.add(new Candidate<>(settings.address(), settings.gateway(), true, null));
    for (PeerLink l : links.values()) {
      long last = l.transport().lastReceivedNanos();
      boolean alive = last != 0 && now - last < timeout;
      out.add(new Candidate<>(l.spec().overlayAddress(), l.spec().gateway(), alive, l));
    }
    return out;
  }

  /** Moves the gateway routes to the new winner's peer (none when we are it, or nobody is). */
  private synchronized void onGatewayElected(Optional<Candidate<PeerLink>> winner) {
    PeerLink next = winner.map(Candidate::node).orElse(null);
    if (gatewayLink != null) {
      settings.gatewayRoutes().forEach(routes::remove);
    }
    gatewayLink = next;
    if (next != null) {
      settings.gatewayRoutes().forEach(c -> routes.insert(c, next.transport()));
    }
    activeGateway =
        winner.isEmpty()
            ? "none"
            : next == null
                ? settings.address().getHostAddress() + " (this node)"
                : next.spec().overlayAddress().getHostAddress();
    log.info("{}: active gateway is now {}", this, activeGateway);
  }

  /** A codec for one thread. */
  TransportCodec newCodec() {
    return new TransportCodec(sessions, routes, clock, counters);
  }

  PeerLink link(PublicKey key) {
    return links.get(key);
  }

  /** Every peer, for status and discovery. */
  public Collection<PeerLink> links() {
    return List.copyOf(links.values());
  }

  public TunDevice tun() {
    return tun;
  }

  public UdpTransport udp() {
    return udp;
  }

  public AllowedIps<TransportPeer> routes() {
    return routes;
  }

  public NetCounters counters() {
    return counters;
  }

  HandshakeWorker handshakes() {
    return handshakes;
  }

  Wire wire() {
    return wire;
  }

  public DeviceSettings settings() {
    return settings;
  }

  public PublicKey publicKey() {
    return keys.publicKey();
  }

  HandshakeEngine engine() {
    return engine;
  }

  InetAddress address() {
    return settings.address();
  }

  /** The active gateway as text: an address, "(this node)", or "none". */
  public String activeGateway() {
    return activeGateway;
  }

  boolean isRunning() {
    return running;
  }

  /**
   * Tells the peer with {@code key} that discovery saw it at {@code endpoint}; unknown: ignored.
   */
  public boolean endpointSeen(PublicKey key, InetSocketAddress endpoint) {
    PeerLink l = links.get(key);
    if (l == null) {
      return false;
    }
    l.actor().tell(new PeerActor.EndpointSeen(endpoint));
    return true;
  }

  /** Stops threads and actors, then closes the TUN device and the sockets. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    elector.tell(GatewayElector.Msg.STOP);
    links.values().forEach(l -> l.actor().tell(PeerActor.Stop.INSTANCE));
    handshakes.stop();
    tun.close();
    udp.close();
    for (Thread t : threads) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    links.values().forEach(l -> l.transport().clear());
    log.info("{}: stopped; counters {}", this, counters);
  }

  @Override
  public String toString() {
    return tun.name();
  }
}
