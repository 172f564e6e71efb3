package wolf.net.peer;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import wolf.net.transport.DropReason;
import wolf.net.transport.Limits;
import wolf.net.transport.Session;
import wolf.net.transport.TransportCodec;
import wolf.net.transport.TransportPeer;

/**
 * One peer's handshake timing and keepalives, WireGuard's timer rules on one periodic tick:
 *
 * <ul>
 *   <li>a packet waiting for a session, or a session asking for rekey, starts a handshake at once;
 *       an unanswered initiation is repeated after {@link Limits#REKEY_TIMEOUT} (plus up to 1/3 s
 *       of jitter) and abandoned, with its waiting packets, after {@link
 *       Limits#REKEY_ATTEMPT_TIME};
 *   <li>with a persistent keepalive, the actor keeps a session up and sends an empty packet after
 *       that much silence; without one, it answers received data with a keepalive after {@link
 *       Limits#KEEPALIVE_TIMEOUT} of our own silence (so the peer knows the session works);
 *   <li>when a session comes up the waiting packets go out on it, or a keepalive that confirms the
 *       session to the responder.
 * </ul>
 *
 * Endpoint roaming needs nothing here: the data path follows the source of every authenticated
 * packet. Runs on the device's peer dispatcher: sealing and a UDP send per message, no blocking.
 */
public final class PeerActor extends AbstractBehavior<PeerActor.Command> {
  public interface Command {}

  /** A packet waits for a session, or the session wants a rekey. */
  public enum HandshakeWanted implements Command {
    INSTANCE
  }

  /** The handshake thread installed a session with this peer. */
  public record SessionUp(Session session) implements Command {}

  /** The peer is under load and sent a cookie; the next retry will carry MAC2. */
  public enum CookieArrived implements Command {
    INSTANCE
  }

  /** LAN discovery saw this peer's key at {@code endpoint}. */
  public record EndpointSeen(InetSocketAddress endpoint) implements Command {}

  /** Stop: the device is shutting down or the peer was removed. */
  public enum Stop implements Command {
    INSTANCE
  }

  private enum Tick implements Command {
    INSTANCE
  }

  private static final byte[] EMPTY = new byte[0];

  private final PeerLink link;
  private final TransportPeer peer;
  private final PeerContext ctx;
  private final TransportCodec codec;
  private final byte[] out = new byte[TransportCodec.MAX_PACKET];
  private boolean pending;
  private long attemptStartNanos;
  private long lastInitiationNanos;
  private long retryAfterNanos;
  private boolean presentToken;

  public static Behavior<Command> create(PeerLink link, PeerContext ctx) {
    return Behaviors.setup(
        c ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, ctx.tick());
                  c.getSelf().tell(Tick.INSTANCE);
                  return new PeerActor(c, link, ctx);
                }));
  }

  private PeerActor(ActorContext<Command> c, PeerLink link, PeerContext ctx) {
    super(c);
    this.link = link;
    this.peer = link.transport();
    this.ctx = ctx;
    this.codec = ctx.codecs().get();
    this.presentToken = link.spec().token() != null;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(HandshakeWanted.INSTANCE, this::onHandshakeWanted)
        .onMessage(SessionUp.class, this::onSessionUp)
        .onMessageEquals(CookieArrived.INSTANCE, this::onCookie)
        .onMessage(EndpointSeen.class, this::onEndpointSeen)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
        .build();
  }

  private Behavior<Command> onHandshakeWanted() {
    if (peer.sendSession() != null && link.hasStaged()) {
      flushStaged();
    }
    if (!pending || ctx.clock().nanoTime() - lastInitiationNanos >= Limits.REKEY_TIMEOUT) {
      initiate();
    }
    return this;
  }

  private Behavior<Command> onSessionUp(SessionUp m) {
    link.handshakeCompleted(ctx.clock().epochNanos() / 1_000_000);
    if (m.session().isInitiator()) {
      pending = false;
      presentToken = false;
      getContext().getLog().debug("{}: session {} up", link, m.session());
      if (!flushStaged()) {
        send(EMPTY, 0);
      }
      link.handshakeAnswered();
    }
    return this;
  }

  private Behavior<Command> onCookie() {
    // Retry soon, but not at once: the cookie only helps once the peer's load has been seen.
    retryAfterNanos = ctx.clock().nanoTime() + Limits.REKEY_TIMEOUT / 10;
    return this;
  }

  private Behavior<Command> onEndpointSeen(EndpointSeen m) {
    long now = ctx.clock().nanoTime();
    boolean silent =
        peer.lastReceivedNanos() == 0 || now - peer.lastReceivedNanos() > Limits.REKEY_TIMEOUT;
    if (!m.endpoint().equals(peer.endpoint()) && silent) {
      getContext().getLog().info("{}: endpoint {} found on the LAN", link, m.endpoint());
      peer.setEndpoint(m.endpoint());
      if (pending || peer.sendSession() == null) {
        initiate();
      }
    }
    return this;
  }

  private Behavior<Command> onTick() {
    long now = ctx.clock().nanoTime();
    peer.expire(now);
    if (pending) {
      if (now - attemptStartNanos >= Limits.REKEY_ATTEMPT_TIME) {
        getContext().getLog().info("{}: no handshake answer for 90 s; giving up for now", link);
        pending = false;
        link.drainStaged();
        link.handshakeAnswered();
      } else if (now - lastInitiationNanos >= jittered(Limits.REKEY_TIMEOUT)
          || (retryAfterNanos != 0 && now >= retryAfterNanos)) {
        initiate();
      }
    }
    Session s = peer.sendSession();
    boolean persistent = !ctx.keepalive().isZero();
    if (s == null) {
      if (!pending && persistent && peer.endpoint() != null) {
        initiate();
      }
      return this;
    }
    if (link.hasStaged()) {
      flushStaged();
    }
    long sinceSent = now - peer.lastSentNanos();
    if (persistent && sinceSent >= ctx.keepalive().toNanos()) {
      send(EMPTY, 0);
    } else if (peer.lastReceivedNanos() > peer.lastSentNanos()
        && sinceSent >= Limits.KEEPALIVE_TIMEOUT) {
      send(EMPTY, 0);
    }
    return this;
  }

  private static long jittered(long nanos) {
    return nanos + ThreadLocalRandom.current().nextLong(333_000_000L);
  }

  private void initiate() {
    InetSocketAddress to = peer.endpoint();
    if (to == null) {
      ctx.counters().drop(DropReason.NO_ENDPOINT);
      link.drainStaged();
      link.handshakeAnswered();
      return;
    }
    long now = ctx.clock().nanoTime();
    byte[] m = ctx.engine().createInitiation(peer.key(), presentToken ? link.spec().token() : null);
    if (!pending) {
      attemptStartNanos = now;
    }
    pending = true;
    lastInitiationNanos = now;
    retryAfterNanos = 0;
    if (!ctx.wire().send(m, m.length, to)) {
      ctx.counters().drop(DropReason.SEND_FAILED);
    }
  }

  /** Sends every staged packet; false if there was none. */
  private boolean flushStaged() {
    boolean any = false;
    for (byte[] p : link.drainStaged()) {
      any = true;
      send(p, p.length);
    }
    return any;
  }

  private void send(byte[] inner, int len) {
    int n = codec.seal(peer, inner, 0, len, out, 0);
    InetSocketAddress to = peer.endpoint();
    if (n < 0 || to == null) {
      ctx.counters().drop(n < 0 ? DropReason.NO_SESSION : DropReason.NO_ENDPOINT);
      return;
    }
    if (!ctx.wire().send(out, n, to)) {
      ctx.counters().drop(DropReason.SEND_FAILED);
    }
  }
}
