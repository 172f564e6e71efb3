package wolf.net.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 prefix such as {@code 10.0.10.0/24} or {@code fd00::/64}; a bare address means a
 * host route (/32 or /128). Host bits are cleared, so {@code 10.0.10.7/24} equals {@code
 * 10.0.10.0/24}. Parsing never touches DNS. Immutable and thread-safe.
 */
public final class Cidr {
  private final byte[] address;
  private final int prefixLength;

  private Cidr(byte[] address, int prefixLength) {
    this.address = address;
    this.prefixLength = prefixLength;
    for (int bit = prefixLength; bit < address.length * 8; bit++) {
      address[bit >> 3] &= (byte) ~(0x80 >>> (bit & 7));
    }
  }

  /** A prefix of {@code address} (4 or 16 bytes, copied). */
  public static Cidr of(byte[] address, int prefixLength) {
    if (address.length != 4 && address.length != 16) {
      throw new IllegalArgumentException("an IP address is 4 or 16 bytes, got " + address.length);
    }
    if (prefixLength < 0 || prefixLength > address.length * 8) {
      throw new IllegalArgumentException(
          "prefix length must be 0.." + address.length * 8 + ", got " + prefixLength);
    }
    return new Cidr(address.clone(), prefixLength);
  }

  public static Cidr of(InetAddress address, int prefixLength) {
    return of(address.getAddress(), prefixLength);
  }

  /**
   * Parses {@code a.b.c.d/n}, an IPv6 literal with {@code /n}, or a bare address.
   *
   * @throws IllegalArgumentException naming the text and what is wrong with it
   */
  public static Cidr parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    byte[] raw = addr.indexOf(':') >= 0 ? parseV6(addr, text) : parseV4(addr, text);
    int prefix = raw.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "': prefix length is not a number");
      }
    }
    try {
      return of(raw, prefix);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
    }
  }

  private static byte[] parseV4(String s, String text) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
    }
    byte[] raw = new byte[4];
    for (int i = 0; i < 4; i++) {
      int v;
      try {
        v = parts[i].isEmpty() || parts[i].length() > 3 ? -1 : Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        v = -1;
      }
      if (v < 0 || v > 255) {
        throw new IllegalArgumentException("'" + text + "': bad IPv4 octet '" + parts[i] + "'");
      }
      raw[i] = (byte) v;
    }
    return raw;
  }

  private static byte[] parseV6(String s, String text) {
    if (!s.matches("[0-9A-Fa-f:][0-9A-Fa-f:.]*")) {
      throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address");
    }
    try {
      // Starting with a hex digit or ':' and containing ':', InetAddress parses a literal and
      // never resolves it.
      byte[] raw = InetAddress.getByName(s).getAddress();
      if (raw.length != 16) {
        throw new UnknownHostException(s);
      }
      return raw;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address");
    }
  }

  /** 4 or 16 bytes, host bits zero (a copy). */
  public byte[] address() {
    return address.clone();
  }

  public int prefixLength() {
    return prefixLength;
  }

  /** 32 for IPv4, 128 for IPv6. */
  public int bits() {
    return address.length * 8;
  }

  /** True if the address in {@code a[off, off+len)} (len 4 or 16) lies inside this prefix. */
  public boolean contains(byte[] a, int off, int len) {
    if (len != address.length) {
      return false;
    }
    for (int bit = 0; bit < prefixLength; bit++) {
      int mask = 0x80 >>> (bit & 7);
      if ((a[off + (bit >> 3)] & mask) != (address[bit >> 3] & mask)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c
        && prefixLength == c.prefixLength
        && Arrays.equals(address, c.address);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(address) + prefixLength;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(address).getHostAddress() + "/" + prefixLength;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
