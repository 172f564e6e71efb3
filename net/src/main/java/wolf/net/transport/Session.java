package wolf.net.transport;

import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;
import wolf.net.crypto.ChaChaPoly;

/**
 * One keyed session between two peers (WireGuard's "keypair"): a send key, a receive key, our index
 * and the peer's, the send counter and the replay window.
 *
 * <p>Invariants: sessions are created only from a completed handshake, whose fresh ephemeral keys
 * make the keys unique to this session; the send counter only increases ({@link AtomicLong}), so no
 * (key, nonce) pair is ever sealed twice, and a restart — which loses all sessions — can only
 * continue with new keys. A responder's session is unconfirmed until the first packet from the
 * initiator authenticates on it; it is not used for sending before that. Thread-safe.
 */
public final class Session {
  private final TransportPeer peer;
  private final int localIndex;
  private final int remoteIndex;
  private final SecretKey sendKey;
  private final SecretKey receiveKey;
  private final boolean initiator;
  private final long createdNanos;
  private final AtomicLong sendCounter = new AtomicLong();
  private final ReplayWindow window = new ReplayWindow();
  private volatile boolean confirmed;
  private volatile boolean retired;

  /**
   * Called by the handshake only.
   *
   * @param localIndex the index peers put in packets to us; registered in the session table
   */
  public Session(
      TransportPeer peer,
      int localIndex,
      int remoteIndex,
      byte[] sendKey,
      byte[] receiveKey,
      boolean initiator,
      long createdNanos) {
    this.peer = peer;
    this.localIndex = localIndex;
    this.remoteIndex = remoteIndex;
    this.sendKey = ChaChaPoly.key(sendKey);
    this.receiveKey = ChaChaPoly.key(receiveKey);
    this.initiator = initiator;
    this.createdNanos = createdNanos;
    this.confirmed = initiator;
  }

  public TransportPeer peer() {
    return peer;
  }

  public int localIndex() {
    return localIndex;
  }

  public int remoteIndex() {
    return remoteIndex;
  }

  public boolean isInitiator() {
    return initiator;
  }

  public long createdNanos() {
    return createdNanos;
  }

  /** True once this side may send with the session (always for the initiator). */
  public boolean isConfirmed() {
    return confirmed;
  }

  void confirm() {
    confirmed = true;
  }

  /**
   * True once replaced and removed from the table; a retired session neither sends nor receives.
   */
  public boolean isRetired() {
    return retired;
  }

  void retire() {
    retired = true;
  }

  /** Too old, retired, or out of counters: neither send nor receive. */
  public boolean isExpired(long nowNanos) {
    return retired
        || nowNanos - createdNanos >= Limits.REJECT_AFTER_TIME
        || sendCounter.get() >= Limits.REJECT_AFTER_MESSAGES;
  }

  /**
   * True if a new handshake should start because of this session's sending: it has sent {@link
   * Limits#REKEY_AFTER_MESSAGES} packets, or we initiated it {@link Limits#REKEY_AFTER_TIME} ago
   * (only the initiator rekeys on time, so both sides do not start at once).
   */
  public boolean needsRekey(long nowNanos) {
    return sendCounter.get() >= Limits.REKEY_AFTER_MESSAGES
        || (initiator && nowNanos - createdNanos >= Limits.REKEY_AFTER_TIME);
  }

  /**
   * True if a packet received now should trigger a handshake ({@link Limits#REKEY_ON_RECEIVE_AGE}).
   */
  public boolean needsRekeyOnReceive(long nowNanos) {
    return initiator && nowNanos - createdNanos >= Limits.REKEY_ON_RECEIVE_AGE;
  }

  /** Takes the next send counter, or -1 if the session is out of counters. */
  long takeSendCounter() {
    long c = sendCounter.getAndIncrement();
    return c < Limits.REJECT_AFTER_MESSAGES ? c : -1;
  }

  /** Counters taken so far. */
  public long sentCount() {
    return sendCounter.get();
  }

  /** Test hook: jump the send counter (to exercise the message limits without 2^60 packets). */
  void skipSendCounterTo(long next) {
    sendCounter.set(next);
  }

  SecretKey sendKey() {
    return sendKey;
  }

  SecretKey receiveKey() {
    return receiveKey;
  }

  ReplayWindow window() {
    return window;
  }

  @Override
  public String toString() {
    return "Session["
        + Integer.toUnsignedString(localIndex)
        + "->"
        + Integer.toUnsignedString(remoteIndex)
        + (initiator ? ", initiator" : ", responder")
        + (confirmed ? "" : ", unconfirmed")
        + (retired ? ", retired" : "")
        + "]";
  }
}
