package wolf.net.handshake;

import java.net.InetSocketAddress;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import wolf.net.crypto.ChaChaPoly;
import wolf.net.crypto.Dh;
import wolf.net.crypto.Kdf;
import wolf.net.keys.InvalidTokenException;
import wolf.net.keys.JoinToken;
import wolf.net.keys.KeyPair;
import wolf.net.keys.PublicKey;
import wolf.net.transport.DropReason;
import wolf.net.transport.Limits;
import wolf.net.transport.NetClock;
import wolf.net.transport.NetCounters;
import wolf.net.transport.NetStat;
import wolf.net.transport.Session;
import wolf.net.transport.SessionTable;
import wolf.net.transport.TransportPeer;

/**
 * The handshake state machine of one WolfNet device: makes initiations, answers them, completes
 * them, and handles cookie replies. No I/O and no clock of its own: bytes and a source address in,
 * a {@link HandshakeOutcome} out. The construction is in docs/WOLFNET-PROTOCOL.md.
 *
 * <p>Guarantees: MAC1 is checked before any Diffie-Hellman; under load MAC2 (a cookie bound to the
 * source address) is required too, else a cookie reply is the only answer; an initiation from a
 * static key that is not configured is refused before the static-static DH unless it carries a join
 * token, which must verify and be admitted; an initiation whose timestamp is not newer than the
 * last one accepted from that peer is refused; every session gets keys from fresh ephemeral DH and
 * a fresh index. Every refusal is counted and reported as {@link HandshakeEvent.Dropped}; nothing
 * throws for bad input.
 *
 * <p>Thread-safe. Message processing is serialized by one lock (handshakes are rare and X25519
 * bounds their rate anyway); the MAC1/MAC2 checks take only the flood guard's lock.
 */
public final class HandshakeEngine {
  private final KeyPair local;
  private final byte[] localPrivate;
  private final SessionTable sessions;
  private final NetClock clock;
  private final NetCounters counters;
  private final Admission admission;
  private final CookieGuard guard;
  private final FloodGate gate;
  private final Kdf kdf = new Kdf();
  private final ChaChaPoly aead = new ChaChaPoly();
  private final byte[] responderInitialHash;
  private final Map<PublicKey, PeerHandshake> peers = new HashMap<>();
  private final Map<Integer, PeerHandshake> pendingByIndex = new HashMap<>();

  public HandshakeEngine(
      KeyPair local,
      SessionTable sessions,
      NetClock clock,
      NetCounters counters,
      HandshakeSettings settings,
      Admission admission,
      SecureRandom random) {
    this.local = local;
    this.localPrivate = local.privateKey().bytes();
    this.sessions = sessions;
    this.clock = clock;
    this.counters = counters;
    this.admission = admission;
    this.guard = new CookieGuard(local.publicKey(), clock, random);
    this.gate = new FloodGate(settings, clock);
    this.responderInitialHash = kdf.hash(Noise.INITIAL_HASH, local.publicKey().bytes());
  }

  /** Adds a configured peer without a preshared key. */
  public void addPeer(TransportPeer peer) {
    addPeer(peer, new byte[32]);
  }

  /**
   * Adds a configured peer, with a 32-byte preshared key mixed into its handshakes (zeros: none).
   *
   * @throws IllegalArgumentException if the key is ours, or a low-order point no DH can use
   */
  public synchronized void addPeer(TransportPeer peer, byte[] psk) {
    if (peer.key().equals(local.publicKey())) {
      throw new IllegalArgumentException("peer " + peer.key() + " is this node's own key");
    }
    if (psk.length != 32) {
      throw new IllegalArgumentException("a preshared key is 32 bytes");
    }
    byte[] ss;
    try {
      ss = Dh.agree(localPrivate, peer.key().bytes());
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(
          "peer key " + peer.key() + " is unusable: " + e.getMessage());
    }
    PeerHandshake old = peers.put(peer.key(), new PeerHandshake(peer, ss, psk.clone(), kdf));
    if (old != null) {
      clearPending(old);
    }
  }

  /** Forgets a peer's handshake state. The caller clears its sessions and allowed IPs. */
  public synchronized void removePeer(PublicKey key) {
    PeerHandshake old = peers.remove(key);
    if (old != null) {
      clearPending(old);
    }
  }

  public synchronized boolean hasPeer(PublicKey key) {
    return peers.containsKey(key);
  }

  /** A new initiation to {@code peer}, replacing any initiation in progress. */
  public byte[] createInitiation(PublicKey peer) {
    return createInitiation(peer, null);
  }

  /**
   * A new initiation that also presents {@code token} (a joiner's first contact with its inviter).
   *
   * @throws IllegalArgumentException if {@code peer} was not added
   */
  public synchronized byte[] createInitiation(PublicKey peer, JoinToken token) {
    PeerHandshake ph = peers.get(peer);
    if (ph == null) {
      throw new IllegalArgumentException("no such peer: " + peer);
    }
    clearPending(ph);
    long now = clock.nanoTime();
    byte[] e = Dh.generatePrivate();
    byte[] ePub = Dh.publicFromPrivate(e);
    byte[] ck = kdf.kdf(Noise.INITIAL_CHAIN_KEY, ePub, 1)[0];
    byte[] h = kdf.hash(ph.initialHash, ePub);
    byte[][] t = kdf.kdf(ck, agreeTrusted(e, ph.remoteStatic), 2);
    ck = t[0];
    byte[] encStatic = aead.seal(t[1], 0, local.publicKey().bytes(), h);
    h = kdf.hash(h, encStatic);
    t = kdf.kdf(ck, ph.staticStatic, 2);
    ck = t[0];
    byte[] timestamp = Tai64n.of(clock.epochNanos());
    byte[] payload = token == null ? timestamp : concat(timestamp, token.toBytes());
    byte[] encPayload = aead.seal(t[1], 0, payload, h);
    h = kdf.hash(h, encPayload);
    int index = sessions.reserve();
    byte[] m = Initiation.encode(index, ePub, encStatic, encPayload);
    ph.jar.stamp(m, kdf, now);
    ph.startPending(index, now, e, ck, h);
    pendingByIndex.put(index, ph);
    counters.increment(NetStat.INITIATIONS_SENT);
    return m;
  }

  /**
   * Processes one handshake datagram (initiation, response or cookie reply; anything else is
   * counted as unknown) from {@code source} (null if unknown; then no cookie can bind to it).
   */
  public HandshakeOutcome receive(byte[] b, int off, int len, InetSocketAddress source) {
    MessageType type = MessageType.of(b, off, len);
    DropReason sizeProblem = checkSize(type, len);
    if (sizeProblem != null) {
      return drop(sizeProblem, type + " of " + len + " bytes");
    }
    if (type == MessageType.COOKIE_REPLY) {
      return consumeCookieReply(CookieReply.decode(b, off));
    }
    if (!guard.checkMac1(b, off, len)) {
      return drop(DropReason.BAD_MAC1, "mac1 does not match our public key");
    }
    if (gate.underLoad()) {
      if (!guard.checkMac2(b, off, len, source)) {
        counters.increment(NetStat.COOKIE_REPLIES_SENT);
        counters.drop(DropReason.COOKIE_REQUIRED);
        return new HandshakeOutcome(
            guard.cookieReply(b, off, len, source),
            new HandshakeEvent.Dropped(DropReason.COOKIE_REQUIRED, "under load: cookie sent"));
      }
      if (!gate.allow(source)) {
        return drop(DropReason.RATE_LIMITED, "under load: too many from " + source);
      }
    }
    synchronized (this) {
      return type == MessageType.INITIATION
          ? consumeInitiation(Initiation.decode(b, off, len))
          : consumeResponse(Response.decode(b, off));
    }
  }

  private static DropReason checkSize(MessageType type, int len) {
    int min;
    int max;
    switch (type) {
      case INITIATION -> {
        min = Initiation.FIXED_BYTES;
        max = Initiation.MAX_BYTES;
      }
      case RESPONSE -> min = max = Response.BYTES;
      case COOKIE_REPLY -> min = max = CookieReply.BYTES;
      default -> {
        return len < 4 ? DropReason.TRUNCATED : DropReason.UNKNOWN_TYPE;
      }
    }
    return len < min ? DropReason.TRUNCATED : len > max ? DropReason.OVERSIZED : null;
  }

  private HandshakeOutcome consumeInitiation(Initiation m) {
    long now = clock.nanoTime();
    byte[] ck = kdf.kdf(Noise.INITIAL_CHAIN_KEY, m.ephemeral, 1)[0];
    byte[] h = kdf.hash(responderInitialHash, m.ephemeral);
    byte[] es = agree(localPrivate, m.ephemeral);
    if (es == null) {
      return drop(DropReason.BAD_HANDSHAKE, "initiation with a low-order ephemeral key");
    }
    byte[][] t = kdf.kdf(ck, es, 2);
    ck = t[0];
    byte[] initiatorStatic = aead.open(t[1], 0, m.encryptedStatic, h);
    if (initiatorStatic == null) {
      return drop(DropReason.BAD_HANDSHAKE, "initiation static key does not decrypt");
    }
    h = kdf.hash(h, m.encryptedStatic);
    PublicKey initiator = PublicKey.of(initiatorStatic);
    PeerHandshake ph = peers.get(initiator);
    boolean hasToken = m.encryptedPayload.length > Initiation.FIXED_PAYLOAD_BYTES;
    if (ph == null && !hasToken) {
      return drop(DropReason.UNKNOWN_PEER, "initiation from unknown key " + initiator);
    }
    byte[] ss = ph != null ? ph.staticStatic : agree(localPrivate, initiatorStatic);
    if (ss == null) {
      return drop(DropReason.BAD_HANDSHAKE, "initiation with a low-order static key");
    }
    t = kdf.kdf(ck, ss, 2);
    ck = t[0];
    byte[] payload = aead.open(t[1], 0, m.encryptedPayload, h);
    if (payload == null) {
      return drop(DropReason.BAD_HANDSHAKE, "initiation payload does not decrypt");
    }
    h = kdf.hash(h, m.encryptedPayload);
    byte[] timestamp = Arrays.copyOf(payload, Tai64n.BYTES);
    if (ph == null) {
      String refusal = admit(initiator, Arrays.copyOfRange(payload, Tai64n.BYTES, payload.length));
      if (refusal != null) {
        return drop(DropReason.BAD_TOKEN, "join from " + initiator + " refused: " + refusal);
      }
      ph = peers.get(initiator);
    }
    if (!Tai64n.isNewer(timestamp, ph.lastTimestamp)) {
      return drop(DropReason.HANDSHAKE_REPLAY, "initiation from " + initiator + " is not newer");
    }
    if (ph.anyInitiation && now - ph.lastInitiationNanos < Noise.MIN_INITIATION_INTERVAL) {
      return drop(DropReason.HANDSHAKE_FLOOD, "initiations from " + initiator + " too frequent");
    }
    ph.lastTimestamp = timestamp;
    ph.lastInitiationNanos = now;
    ph.anyInitiation = true;
    counters.increment(NetStat.INITIATIONS_ACCEPTED);
    return respond(ph, m, ck, h, now);
  }

  private HandshakeOutcome respond(PeerHandshake ph, Initiation m, byte[] ck, byte[] h, long now) {
    byte[] e = Dh.generatePrivate();
    byte[] ePub = Dh.publicFromPrivate(e);
    ck = kdf.kdf(ck, ePub, 1)[0];
    h = kdf.hash(h, ePub);
    ck = kdf.kdf(ck, agreeTrusted(e, m.ephemeral), 1)[0];
    ck = kdf.kdf(ck, agreeTrusted(e, ph.remoteStatic), 1)[0];
    byte[][] t = kdf.kdf(ck, ph.psk, 3);
    ck = t[0];
    h = kdf.hash(h, t[1]);
    byte[] empty = aead.seal(t[2], 0, Noise.EMPTY, h);
    int index = sessions.reserve();
    byte[] reply = Response.encode(index, m.sender, ePub, empty);
    ph.jar.stamp(reply, kdf, now);
    byte[][] keys = kdf.kdf(ck, Noise.EMPTY, 2);
    Session s = new Session(ph.peer, index, m.sender, keys[1], keys[0], false, now);
    return establish(ph, s, reply);
  }

  private HandshakeOutcome consumeResponse(Response m) {
    PeerHandshake ph = pendingByIndex.get(m.receiver);
    long now = clock.nanoTime();
    if (ph == null || now - ph.pendingSinceNanos >= Limits.REKEY_ATTEMPT_TIME) {
      return drop(DropReason.UNEXPECTED_HANDSHAKE, "response to no initiation in progress");
    }
    byte[] ck = kdf.kdf(ph.pendingChain, m.ephemeral, 1)[0];
    byte[] h = kdf.hash(ph.pendingHash, m.ephemeral);
    byte[] ee = agree(ph.pendingEphemeral, m.ephemeral);
    byte[] se = agree(localPrivate, m.ephemeral);
    if (ee == null || se == null) {
      return drop(DropReason.BAD_HANDSHAKE, "response with a low-order ephemeral key");
    }
    ck = kdf.kdf(ck, ee, 1)[0];
    ck = kdf.kdf(ck, se, 1)[0];
    byte[][] t = kdf.kdf(ck, ph.psk, 3);
    ck = t[0];
    h = kdf.hash(h, t[1]);
    if (aead.open(t[2], 0, m.encryptedEmpty, h) == null) {
      // The initiation stays pending: a forged response must not cancel a real handshake.
      return drop(DropReason.BAD_HANDSHAKE, "response from " + ph.peer.key() + " does not decrypt");
    }
    byte[][] keys = kdf.kdf(ck, Noise.EMPTY, 2);
    Session s = new Session(ph.peer, m.receiver, m.sender, keys[0], keys[1], true, now);
    pendingByIndex.remove(m.receiver);
    ph.clearPending();
    return establish(ph, s, null);
  }

  private HandshakeOutcome establish(PeerHandshake ph, Session s, byte[] reply) {
    sessions.install(s);
    ph.peer.install(s);
    counters.increment(NetStat.SESSIONS_ESTABLISHED);
    return new HandshakeOutcome(reply, new HandshakeEvent.SessionEstablished(ph.peer, s));
  }

  private synchronized HandshakeOutcome consumeCookieReply(CookieReply m) {
    PeerHandshake ph = pendingByIndex.get(m.receiver);
    if (ph == null) {
      Session s = sessions.get(m.receiver);
      ph = s == null ? null : peers.get(s.peer().key());
    }
    if (ph == null) {
      return drop(DropReason.UNEXPECTED_HANDSHAKE, "cookie reply for no message of ours");
    }
    if (!ph.jar.consume(m.sealedCookie, clock.nanoTime())) {
      return drop(DropReason.BAD_COOKIE_REPLY, "cookie reply from " + ph.peer.key() + " refused");
    }
    counters.increment(NetStat.COOKIE_REPLIES_ACCEPTED);
    return new HandshakeOutcome(null, new HandshakeEvent.CookieReceived(ph.peer));
  }

  /** Verifies and offers a join token; returns null if admitted, else the reason. */
  private String admit(PublicKey joiner, byte[] tokenBytes) {
    JoinToken token;
    try {
      token = JoinToken.decode(tokenBytes);
      token.verify(local, clock.epochSeconds());
    } catch (InvalidTokenException e) {
      return e.getMessage();
    }
    TransportPeer peer = admission.admit(joiner, token);
    if (peer == null) {
      return "admission policy refused token " + token.id();
    }
    if (!peer.key().equals(joiner)) {
      return "admission returned a peer with another key";
    }
    addPeer(peer);
    counters.increment(NetStat.PEERS_ADMITTED);
    return null;
  }

  private void clearPending(PeerHandshake ph) {
    if (ph.pending) {
      pendingByIndex.remove(ph.pendingIndex);
      sessions.release(ph.pendingIndex);
      ph.clearPending();
    }
  }

  private HandshakeOutcome drop(DropReason reason, String detail) {
    counters.drop(reason);
    return HandshakeOutcome.dropped(reason, detail);
  }

  private static byte[] agree(byte[] privateKey, byte[] publicKey) {
    try {
      return Dh.agree(privateKey, publicKey);
    } catch (InvalidKeyException e) {
      return null;
    }
  }

  /** DH with a key already known to be usable (checked on arrival or when the peer was added). */
  private static byte[] agreeTrusted(byte[] privateKey, byte[] publicKey) {
    try {
      return Dh.agree(privateKey, publicKey);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("DH with a checked key failed", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
