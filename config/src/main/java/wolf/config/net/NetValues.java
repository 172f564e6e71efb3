package wolf.config.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Syntax checks for WolfNet values that the config module can make without the net module: IP
 * prefixes and base64 keys. Nothing here resolves names. Stateless.
 */
final class NetValues {
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  private NetValues() {}

  /** The address of an IPv4/IPv6 literal, or throws naming what is wrong. */
  static InetAddress address(String text) {
    var m = IPV4.matcher(text);
    if (m.matches()) {
      byte[] raw = new byte[4];
      for (int i = 0; i < 4; i++) {
        int v = Integer.parseInt(m.group(i + 1));
        if (v > 255) {
          throw new IllegalArgumentException("'" + text + "': octet " + v + " is above 255");
        }
        raw[i] = (byte) v;
      }
      return byAddress(raw);
    }
    if (text.contains(":") && IPV6.matcher(text).matches()) {
      try {
        return InetAddress.getByName(text);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address");
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not an IP address");
  }

  /**
   * Checks {@code a.b.c.d/n} (or an IPv6 prefix, or a bare address when {@code bareAllowed});
   * returns the prefix length.
   */
  static int prefix(String text, boolean bareAllowed) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      if (!bareAllowed) {
        throw new IllegalArgumentException("'" + text + "' needs a prefix length, e.g. /24");
      }
      return address(text).getAddress().length * 8;
    }
    InetAddress a = address(text.substring(0, slash));
    int bits = a.getAddress().length * 8;
    int n;
    try {
      n = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "': prefix length is not a number");
    }
    if (n < 0 || n > bits) {
      throw new IllegalArgumentException("'" + text + "': prefix length must be 0.." + bits);
    }
    return n;
  }

  /** Checks a 32-byte key in standard base64 (44 characters). */
  static void key(String text) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64: " + e.getMessage());
    }
    if (raw.length != 32 || text.length() != 44) {
      throw new IllegalArgumentException("a key is 32 bytes in 44 base64 characters");
    }
  }

  private static InetAddress byAddress(byte[] raw) {
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
