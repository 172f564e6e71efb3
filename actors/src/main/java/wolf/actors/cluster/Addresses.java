package wolf.actors.cluster;

import org.apache.pekko.actor.Address;

/** Conversions between Pekko cluster addresses and {@code host:port} strings. Thread-safe. */
public final class Addresses {

  /** The protocol of Artery cluster addresses (TCP and TLS alike). */
  public static final String PROTOCOL = "pekko";

  private Addresses() {}

  /** {@code host:port} of a remote address; IPv6 hosts in brackets. */
  public static String hostPort(Address address) {
    String host = address.getHost().orElse("");
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return host + ":" + address.getPort().map(String::valueOf).orElse("");
  }

  /**
   * The cluster address of {@code hostPort} in cluster {@code clusterName}.
   *
   * @param hostPort {@code host:port} or {@code [ipv6]:port}; the host must be spelled exactly as
   *     the peer advertises it (Pekko matches addresses as strings)
   * @throws IllegalArgumentException when it is not {@code host:port} with a port in 1..65535
   */
  public static Address parse(String clusterName, String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("not host:port: " + hostPort);
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not host:port: " + hostPort, e);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range in " + hostPort);
    }
    return new Address(PROTOCOL, clusterName, host, port);
  }
}
