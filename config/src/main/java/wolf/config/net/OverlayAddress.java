package wolf.config.net;

import java.net.InetAddress;
import java.util.Objects;

/**
 * This node's overlay address and the overlay's prefix length, as {@code address = "10.0.10.1/24"}
 * writes them (a bare address means /24). Immutable.
 */
public record OverlayAddress(InetAddress address, int prefixLength) {
  public OverlayAddress {
    Objects.requireNonNull(address, "address");
  }

  /**
   * Parses {@code a.b.c.d[/n]}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static OverlayAddress parse(String text) {
    int slash = text.indexOf('/');
    InetAddress a = NetValues.address(slash < 0 ? text : text.substring(0, slash));
    if (a.getAddress().length != 4) {
      throw new IllegalArgumentException("the overlay is IPv4; '" + text + "' is not");
    }
    int n = slash < 0 ? 24 : NetValues.prefix(text, false);
    if (n < 8 || n > 30) {
      throw new IllegalArgumentException("'" + text + "': the overlay prefix must be /8../30");
    }
    return new OverlayAddress(a, n);
  }

  @Override
  public String toString() {
    return address.getHostAddress() + "/" + prefixLength;
  }
}
