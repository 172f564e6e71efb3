package wolf.net.transport;

import java.net.InetSocketAddress;
import wolf.net.crypto.ChaChaPoly;

/**
 * Seals inner IP packets into transport messages and opens them, WireGuard's format:
 *
 * <pre>
 * 0  u8  type = 4, then 3 zero bytes
 * 4  u32 receiver index (little-endian)
 * 8  u64 counter (little-endian), the AEAD nonce: 4 zero bytes + counter
 * 16 ChaCha20-Poly1305(inner packet zero-padded to a multiple of 16) + 16-byte tag
 * </pre>
 *
 * <p>Receive order: size and type, session by index, age and counter limits, replay-window check,
 * AEAD open, replay-window accept (only now, so a forged packet cannot move the window), key
 * confirmation and roaming, then the inner source must map to the sending peer in the allowed IPs.
 * Every refusal is counted in {@link NetCounters} and reported as {@link #DROPPED}; nothing throws
 * for bad input.
 *
 * <p>Not thread-safe: each packet worker owns one codec (it reuses a cipher and nonce buffer); the
 * sessions, peers and tables it uses are shared and thread-safe. Input and output buffers must not
 * overlap.
 */
public final class TransportCodec {
  public static final int TYPE = 4;
  public static final int HEADER_BYTES = 16;
  public static final int OVERHEAD = HEADER_BYTES + ChaChaPoly.TAG_BYTES;

  /** Largest inner packet (an IP packet cannot be longer). */
  public static final int MAX_INNER = 65535;

  /** Largest transport message. */
  public static final int MAX_PACKET = OVERHEAD + padded(MAX_INNER);

  /** {@link #seal}: no confirmed session; start a handshake and hold the packet. */
  public static final int NO_SESSION = -1;

  /** {@link #seal}: the session is past its limits; a rekey has been requested. */
  public static final int SESSION_EXPIRED = -2;

  /** {@link #open}: the packet was dropped and counted. */
  public static final int DROPPED = -1;

  private final ChaChaPoly aead = new ChaChaPoly();
  private final SessionTable sessions;
  private final AllowedIps<TransportPeer> allowedIps;
  private final NetClock clock;
  private final NetCounters counters;
  private Session lastSession;

  public TransportCodec(
      SessionTable sessions,
      AllowedIps<TransportPeer> allowedIps,
      NetClock clock,
      NetCounters counters) {
    this.sessions = sessions;
    this.allowedIps = allowedIps;
    this.clock = clock;
    this.counters = counters;
  }

  /** Size of the message {@link #seal} makes from an inner packet of {@code plainLength} bytes. */
  public static int sealedLength(int plainLength) {
    return OVERHEAD + padded(plainLength);
  }

  private static int padded(int n) {
    return (n + 15) & ~15;
  }

  /**
   * Seals {@code in[off, off+len)} (an inner IP packet, or nothing for a keepalive) for {@code
   * peer}'s current session into {@code out} at {@code outOff}.
   *
   * @return the message length, or {@link #NO_SESSION} / {@link #SESSION_EXPIRED}
   * @throws IllegalArgumentException if {@code out} cannot hold {@link #sealedLength}{@code (len)}
   */
  public int seal(TransportPeer peer, byte[] in, int off, int len, byte[] out, int outOff) {
    if (len > MAX_INNER || out.length - outOff < sealedLength(len)) {
      throw new IllegalArgumentException("inner packet of " + len + " bytes does not fit");
    }
    Session s = peer.sendSession();
    if (s == null) {
      return NO_SESSION;
    }
    long now = clock.nanoTime();
    if (s.isExpired(now)) {
      peer.requestRekey();
      return SESSION_EXPIRED;
    }
    long counter = s.takeSendCounter();
    if (counter < 0) {
      peer.requestRekey();
      return SESSION_EXPIRED;
    }
    out[outOff] = TYPE;
    out[outOff + 1] = 0;
    out[outOff + 2] = 0;
    out[outOff + 3] = 0;
    Bytes.putIntLe(out, outOff + 4, s.remoteIndex());
    Bytes.putLongLe(out, outOff + 8, counter);
    int n =
        aead.seal(s.sendKey(), counter, null, in, off, len, padded(len) - len, out, outOff + 16);
    counters.increment(NetStat.DATA_PACKETS_SENT);
    counters.add(NetStat.DATA_BYTES_SENT, len);
    peer.sent(now, len);
    if (s.needsRekey(now)) {
      peer.requestRekey();
    }
    return HEADER_BYTES + n;
  }

  /**
   * Opens the transport message {@code in[off, off+len)} from {@code source} (null if unknown) into
   * {@code out} at {@code outOff}, which must have room for {@code len - 32} bytes.
   *
   * @return the inner packet length (0 for a keepalive), or {@link #DROPPED}
   */
  public int open(byte[] in, int off, int len, InetSocketAddress source, byte[] out, int outOff) {
    lastSession = null;
    if (len < 4 || in[off] != TYPE || in[off + 1] != 0 || in[off + 2] != 0 || in[off + 3] != 0) {
      return drop(len < 4 ? DropReason.TRUNCATED : DropReason.UNKNOWN_TYPE);
    }
    if (len < OVERHEAD) {
      return drop(DropReason.TRUNCATED);
    }
    if (len > MAX_PACKET || out.length - outOff < len - OVERHEAD) {
      return drop(DropReason.OVERSIZED);
    }
    Session s = sessions.get(Bytes.getIntLe(in, off + 4));
    if (s == null) {
      return drop(DropReason.UNKNOWN_SESSION);
    }
    long counter = Bytes.getLongLe(in, off + 8);
    long now = clock.nanoTime();
    if (s.isRetired()
        || now - s.createdNanos() >= Limits.REJECT_AFTER_TIME
        || counter < 0
        || counter >= Limits.REJECT_AFTER_MESSAGES) {
      return drop(DropReason.SESSION_EXPIRED);
    }
    ReplayWindow window = s.window();
    int verdict = window.check(counter);
    if (verdict != ReplayWindow.OK) {
      return drop(verdict);
    }
    int n =
        aead.open(
            s.receiveKey(), counter, null, in, off + HEADER_BYTES, len - HEADER_BYTES, out, outOff);
    if (n < 0) {
      return drop(DropReason.BAD_TAG);
    }
    verdict = window.accept(counter);
    if (verdict != ReplayWindow.OK) {
      return drop(verdict);
    }
    TransportPeer peer = s.peer();
    peer.authenticated(s, source, now, counters);
    if (s.needsRekeyOnReceive(now)) {
      peer.requestRekey();
    }
    if (n == 0) {
      counters.increment(NetStat.KEEPALIVES_RECEIVED);
      lastSession = s;
      return 0;
    }
    int inner = InnerPacket.declaredLength(out, outOff, n);
    if (inner < 0) {
      return drop(DropReason.MALFORMED_INNER);
    }
    int version = InnerPacket.version(out, outOff, n);
    int src = outOff + InnerPacket.sourceOffset(version);
    if (allowedIps.lookup(out, src, version == 4 ? 4 : 16) != peer) {
      return drop(DropReason.DISALLOWED_SOURCE);
    }
    counters.increment(NetStat.DATA_PACKETS_RECEIVED);
    counters.add(NetStat.DATA_BYTES_RECEIVED, inner);
    peer.received(inner);
    lastSession = s;
    return inner;
  }

  /** The session of the last packet {@link #open} accepted (null after a drop). */
  public Session lastSession() {
    return lastSession;
  }

  private int drop(DropReason reason) {
    counters.drop(reason);
    return DROPPED;
  }

  private int drop(int windowVerdict) {
    return drop(
        windowVerdict == ReplayWindow.DUPLICATE
            ? DropReason.REPLAY_DUPLICATE
            : DropReason.REPLAY_TOO_OLD);
  }
}
