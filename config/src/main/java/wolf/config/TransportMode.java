package wolf.config;

/**
 * How cluster nodes talk to each other, written in TOML in lower case ({@code "tls"}).
 *
 * <p>All nodes must use the same transport.
 */
public enum TransportMode {
  /** Encrypted, with peers authenticated by certificates from the cluster CA. */
  TLS,
  /** Plain TCP; accepted only when the node binds and advertises loopback addresses. */
  TCP
}
