package wolf.net.handshake;

/**
 * Flood-protection settings.
 *
 * @param underLoadPerSecond handshake messages per second above which we are "under load" and
 *     require a valid MAC2 (cookie) before doing any Diffie-Hellman; stays on for a second after
 * @param perSourcePerSecond under load, handshake messages accepted per second from one source IP
 * @param perSourceBurst under load, the burst allowed per source IP
 */
public record HandshakeSettings(
    int underLoadPerSecond, int perSourcePerSecond, int perSourceBurst) {
  /** 500 messages/s before cookies (X25519 manages ~2,000 handshakes/s per core); 20/s, burst 5. */
  public static final HandshakeSettings DEFAULTS = new HandshakeSettings(500, 20, 5);

  public HandshakeSettings {
    if (underLoadPerSecond < 0 || perSourcePerSecond < 1 || perSourceBurst < 1) {
      throw new IllegalArgumentException("handshake limits must be positive");
    }
  }
}
