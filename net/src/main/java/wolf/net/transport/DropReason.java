package wolf.net.transport;

/** Why WolfNet dropped a packet. Every drop is counted under exactly one reason. */
public enum DropReason {
  /** Shorter than its message type requires. */
  TRUNCATED,
  /** Longer than its message type allows, or larger than the receive buffer. */
  OVERSIZED,
  /** The first four bytes are not a known message type. */
  UNKNOWN_TYPE,
  /** A transport packet for a receiver index with no live session. */
  UNKNOWN_SESSION,
  /** The session is past its time limit or the counter past the message limit. */
  SESSION_EXPIRED,
  /** The AEAD tag did not verify (forged or corrupted). The replay window is not touched. */
  BAD_TAG,
  /** A counter already received in this session. */
  REPLAY_DUPLICATE,
  /** A counter older than the replay window. */
  REPLAY_TOO_OLD,
  /** The decrypted payload is not an IPv4 or IPv6 packet of consistent length. */
  MALFORMED_INNER,
  /** The inner source address is not among the sending peer's allowed IPs. */
  DISALLOWED_SOURCE,
  /** No peer's allowed IPs cover the destination (send direction). */
  NO_ROUTE,
  /** No usable session to send with yet; a handshake is needed. */
  NO_SESSION,
  /** Handshake MAC1 wrong: not addressed to our public key, or altered. Checked before any DH. */
  BAD_MAC1,
  /** Under load and MAC2 missing or stale: a cookie reply was sent instead. */
  COOKIE_REQUIRED,
  /** Under load and this source exceeded its handshake rate. */
  RATE_LIMITED,
  /** A handshake that fails to decrypt or to agree keys. */
  BAD_HANDSHAKE,
  /** An initiation from a static key that is neither configured nor admitted by a token. */
  UNKNOWN_PEER,
  /** An initiation whose timestamp is not newer than the last accepted one from that peer. */
  HANDSHAKE_REPLAY,
  /** Initiations from one peer faster than the minimum interval. */
  HANDSHAKE_FLOOD,
  /** An initiation carrying a join token that does not verify, or that admission refused. */
  BAD_TOKEN,
  /** A response or cookie reply that matches no handshake in progress. */
  UNEXPECTED_HANDSHAKE,
  /** A cookie reply that does not decrypt. */
  BAD_COOKIE_REPLY,
  /** A packet for a peer whose endpoint is not known yet (no config, no discovery, no contact). */
  NO_ENDPOINT,
  /** The operating system refused to send a datagram. */
  SEND_FAILED,
  /** Handshake messages arrived faster than the handshake thread could take them. */
  HANDSHAKE_BACKLOG,
  /** Packets waiting for a handshake beyond the per-peer limit; the oldest is dropped. */
  STAGED_OVERFLOW,
  /** The kernel refused a decrypted packet written to the TUN device. */
  TUN_WRITE_FAILED
}
