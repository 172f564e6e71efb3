package wolf.net.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import wolf.net.keys.PublicKey;

/**
 * The data-path view of one peer: its static key, its endpoint, and up to three sessions, rotated
 * as WireGuard rotates keypairs.
 *
 * <ul>
 *   <li>{@code current}: the session we send with; always confirmed.
 *   <li>{@code next}: a session we accepted as responder, waiting for the initiator's first packet
 *       (key confirmation); the first authenticated packet on it makes it {@code current}.
 *   <li>{@code previous}: the session before {@code current}, kept to receive packets still in
 *       flight.
 * </ul>
 *
 * A session leaving all three slots is retired and its index freed. The endpoint follows the source
 * of the latest authenticated packet (roaming), so a peer that changes address keeps its session.
 * Thread-safe: slots are volatile for the packet threads; changes are serialized.
 */
public final class TransportPeer {
  /** Callbacks from the packet threads; must be quick and thread-safe (e.g. tell an actor). */
  public interface Listener {
    /** A session asked for a handshake (age, message count, or expiry); once per session. */
    void rekeyNeeded(TransportPeer peer);
  }

  private final PublicKey key;
  private final SessionTable table;
  private volatile Listener listener = p -> {};
  private volatile InetSocketAddress endpoint;
  private volatile Session current;
  private volatile Session previous;
  private volatile Session next;
  private volatile long lastReceivedNanos;
  private volatile long lastSentNanos;
  private final AtomicBoolean rekeyRequested = new AtomicBoolean();
  private final LongAdder bytesReceived = new LongAdder();
  private final LongAdder bytesSent = new LongAdder();

  public TransportPeer(PublicKey key, SessionTable table, InetSocketAddress endpoint) {
    this.key = key;
    this.table = table;
    this.endpoint = endpoint;
  }

  public PublicKey key() {
    return key;
  }

  public void setListener(Listener listener) {
    this.listener = listener;
  }

  /** Where to send; null until configured or learned from an authenticated packet. */
  public InetSocketAddress endpoint() {
    return endpoint;
  }

  public void setEndpoint(InetSocketAddress endpoint) {
    this.endpoint = endpoint;
  }

  /** The session to send with, or null if a handshake is needed. */
  public Session sendSession() {
    return current;
  }

  /** The session waiting for key confirmation, or null. */
  public Session pendingSession() {
    return next;
  }

  /** Installs a session fresh from a handshake and clears the rekey request. */
  public synchronized void install(Session s) {
    if (s.isInitiator()) {
      Session oldPrevious = previous;
      if (next != null) {
        // A responder session never confirmed: keep it receivable, drop the older current.
        previous = next;
        next = null;
        retire(current);
      } else {
        previous = current;
      }
      retire(oldPrevious);
      current = s;
    } else {
      retire(next);
      next = s;
      retire(previous);
      previous = null;
    }
    rekeyRequested.set(false);
  }

  /** Called by the codec after a packet on {@code s} authenticated. */
  void authenticated(Session s, InetSocketAddress source, long nowNanos, NetCounters counters) {
    if (s == next) {
      synchronized (this) {
        if (s == next) {
          retire(previous);
          previous = current;
          current = s;
          next = null;
          s.confirm();
        }
      }
    }
    lastReceivedNanos = nowNanos;
    if (source != null && !source.equals(endpoint)) {
      endpoint = source;
      counters.increment(NetStat.ENDPOINT_CHANGES);
    }
  }

  void sent(long nowNanos, int bytes) {
    lastSentNanos = nowNanos;
    bytesSent.add(bytes);
  }

  void received(int bytes) {
    bytesReceived.add(bytes);
  }

  /** Signals the listener once per session. */
  void requestRekey() {
    if (rekeyRequested.compareAndSet(false, true)) {
      listener.rekeyNeeded(this);
    }
  }

  /** Retires sessions past {@link Limits#REJECT_AFTER_TIME}; for the peer's timers. */
  public synchronized void expire(long nowNanos) {
    if (current != null && current.isExpired(nowNanos)) {
      retire(current);
      current = null;
    }
    if (previous != null && previous.isExpired(nowNanos)) {
      retire(previous);
      previous = null;
    }
    if (next != null && next.isExpired(nowNanos)) {
      retire(next);
      next = null;
    }
  }

  /** Retires every session (peer removed, or key material to be forgotten). */
  public synchronized void clear() {
    retire(current);
    retire(previous);
    retire(next);
    current = previous = next = null;
  }

  private void retire(Session s) {
    if (s != null) {
      table.remove(s);
    }
  }

  /** Monotonic time of the last authenticated packet (0 if none). */
  public long lastReceivedNanos() {
    return lastReceivedNanos;
  }

  /** Monotonic time of the last packet sent (0 if none). */
  public long lastSentNanos() {
    return lastSentNanos;
  }

  public long bytesReceived() {
    return bytesReceived.sum();
  }

  public long bytesSent() {
    return bytesSent.sum();
  }

  @Override
  public String toString() {
    return "TransportPeer[" + key + " @ " + endpoint + "]";
  }
}
