package wolf.net.peer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import wolf.net.device.PeerSpec;
import wolf.net.transport.DropReason;
import wolf.net.transport.NetCounters;
import wolf.net.transport.TransportPeer;

/**
 * What the packet threads and a {@link PeerActor} share about one peer: the data-path peer, the
 * actor's address, and the packets that wait for a session (at most {@link #STAGED_LIMIT}; the
 * oldest is dropped first, as WireGuard does). Thread-safe.
 */
public final class PeerLink {
  /** Packets kept per peer while a handshake is under way. */
  public static final int STAGED_LIMIT = 128;

  private final PeerSpec spec;
  private final TransportPeer transport;
  private final ArrayBlockingQueue<byte[]> staged = new ArrayBlockingQueue<>(STAGED_LIMIT);
  private final AtomicBoolean handshakeAsked = new AtomicBoolean();
  private volatile ActorRef<PeerActor.Command> actor;
  private volatile long lastHandshakeEpochMillis;

  public PeerLink(PeerSpec spec, TransportPeer transport) {
    this.spec = spec;
    this.transport = transport;
  }

  public PeerSpec spec() {
    return spec;
  }

  public TransportPeer transport() {
    return transport;
  }

  /** Set once, right after the actor is spawned. */
  public void attach(ActorRef<PeerActor.Command> actor) {
    this.actor = actor;
    transport.setListener(p -> askForHandshake(true));
  }

  public ActorRef<PeerActor.Command> actor() {
    return actor;
  }

  /**
   * Keeps a copy of {@code packet[0, len)} until a session is up and asks the actor for a handshake
   * (once, until the actor has answered).
   */
  public void stage(byte[] packet, int len, NetCounters counters) {
    byte[] copy = Arrays.copyOf(packet, len);
    while (!staged.offer(copy)) {
      if (staged.poll() != null) {
        counters.drop(DropReason.STAGED_OVERFLOW);
      }
    }
    askForHandshake(false);
  }

  private void askForHandshake(boolean always) {
    ActorRef<PeerActor.Command> a = actor;
    if (a != null && (always || handshakeAsked.compareAndSet(false, true))) {
      a.tell(PeerActor.HandshakeWanted.INSTANCE);
    }
  }

  /** Takes every staged packet, oldest first. */
  List<byte[]> drainStaged() {
    List<byte[]> out = new ArrayList<>(staged.size());
    staged.drainTo(out);
    return out;
  }

  boolean hasStaged() {
    return !staged.isEmpty();
  }

  /** The actor took the request (or gave up); the next staged packet asks again. */
  void handshakeAnswered() {
    handshakeAsked.set(false);
  }

  void handshakeCompleted(long epochMillis) {
    lastHandshakeEpochMillis = epochMillis;
  }

  /** Wall-clock time of the latest completed handshake, 0 if none. */
  public long lastHandshakeEpochMillis() {
    return lastHandshakeEpochMillis;
  }

  @Override
  public String toString() {
    return spec.name();
  }
}
