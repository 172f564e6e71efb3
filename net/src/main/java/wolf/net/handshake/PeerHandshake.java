package wolf.net.handshake;

import wolf.net.crypto.Kdf;
import wolf.net.transport.TransportPeer;

/**
 * Handshake state of one peer: static-static DH computed once, the latest accepted timestamp
 * (replay protection), the initiation in progress, and the cookie jar. Guarded by the {@link
 * HandshakeEngine} lock.
 */
final class PeerHandshake {
  final TransportPeer peer;
  final byte[] remoteStatic;
  final byte[] staticStatic;
  final byte[] psk;

  /** HASH(H0 || remote static): the initiator's starting hash towards this peer. */
  final byte[] initialHash;

  final CookieJar jar;

  byte[] lastTimestamp;
  long lastInitiationNanos;
  boolean anyInitiation;

  boolean pending;
  int pendingIndex;
  long pendingSinceNanos;
  byte[] pendingEphemeral;
  byte[] pendingChain;
  byte[] pendingHash;

  PeerHandshake(TransportPeer peer, byte[] staticStatic, byte[] psk, Kdf kdf) {
    this.peer = peer;
    this.remoteStatic = peer.key().bytes();
    this.staticStatic = staticStatic;
    this.psk = psk;
    this.initialHash = kdf.hash(Noise.INITIAL_HASH, remoteStatic);
    this.jar = new CookieJar(peer.key(), kdf);
  }

  void startPending(int index, long now, byte[] ephemeral, byte[] chain, byte[] hash) {
    pending = true;
    pendingIndex = index;
    pendingSinceNanos = now;
    pendingEphemeral = ephemeral;
    pendingChain = chain;
    pendingHash = hash;
  }

  void clearPending() {
    pending = false;
    pendingEphemeral = null;
    pendingChain = null;
    pendingHash = null;
  }
}
