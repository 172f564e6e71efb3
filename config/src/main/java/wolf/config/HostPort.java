package wolf.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host name or IP literal and a TCP/UDP port, as written in configuration files ({@code
 * 10.0.0.1:7654}, {@code [fd00::1]:7654}, {@code db.example:3306}).
 *
 * <p>Invariants: {@code host} is non-empty, lower case and holds an IPv6 literal without brackets;
 * {@code port} is 0..65535, where 0 ("any free port") only arises programmatically because {@link
 * #parse} demands 1..65535. Nothing here resolves names: {@link #isLoopback} and {@link
 * #isWildcard} look at the text only, so they never block. Immutable and thread-safe.
 */
public record HostPort(String host, int port) {
  private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+(%[a-z0-9_.-]+)?");

  public HostPort {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    host = host.toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code host:port} or {@code [ipv6]:port}.
   *
   * @throws IllegalArgumentException with a reason a user can act on
   */
  public static HostPort parse(String s) {
    String host;
    String port;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("missing ']' after the IPv6 address");
      }
      host = s.substring(1, close);
      if (close + 1 >= s.length() || s.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("missing port after ']' (expected [ipv6]:port)");
      }
      port = s.substring(close + 2);
      if (!host.contains(":")) {
        throw new IllegalArgumentException("brackets are only for IPv6 addresses");
      }
    } else {
      int colon = s.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("missing port (expected host:port, e.g. 10.0.0.1:7654)");
      }
      host = s.substring(0, colon);
      port = s.substring(colon + 1);
      if (host.contains(":")) {
        throw new IllegalArgumentException("IPv6 addresses need brackets, e.g. [::1]:7654");
      }
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("empty host (use 0.0.0.0 to listen on all interfaces)");
    }
    checkHost(host.toLowerCase(Locale.ROOT));
    return new HostPort(host, parsePort(port));
  }

  /** True for {@code localhost}, {@code *.localhost}, 127.0.0.0/8 and ::1. */
  public boolean isLoopback() {
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return true;
    }
    return literal().map(InetAddress::isLoopbackAddress).orElse(false);
  }

  /** True for the any-address, 0.0.0.0 or ::, which listens on every interface. */
  public boolean isWildcard() {
    return literal().map(InetAddress::isAnyLocalAddress).orElse(false);
  }

  /** {@code host:port}, with brackets around an IPv6 host; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private Optional<InetAddress> literal() {
    boolean v6 = host.contains(":");
    if (!v6 && !IPV4.matcher(host).matches()) {
      return Optional.empty();
    }
    String address = v6 && host.contains("%") ? host.substring(0, host.indexOf('%')) : host;
    try {
      return Optional.of(InetAddress.getByName(v6 ? "[" + address + "]" : address));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static void checkHost(String host) {
    if (host.contains(":")) {
      if (!IPV6.matcher(host).matches() || new HostPort(host, 0).literal().isEmpty()) {
        throw new IllegalArgumentException("invalid IPv6 address '" + host + "'");
      }
    } else if (IPV4.matcher(host).matches()) {
      for (String part : host.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          throw new IllegalArgumentException("invalid IPv4 address '" + host + "'");
        }
      }
    } else if (!HOST_NAME.matcher(host).matches()) {
      throw new IllegalArgumentException(
          "invalid host name '" + host + "' (letters, digits, '.', '-' and '_' only)");
    }
  }

  private static int parsePort(String port) {
    if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("port is not a number: '" + port + "'");
    }
    long value = port.length() > 9 ? Long.MAX_VALUE : Long.parseLong(port);
    if (value < 1 || value > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
    }
    return (int) value;
  }
}
