package wolf.net.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedIpsTest {
  private final AllowedIps<String> table = new AllowedIps<>();

  private String at(String address) throws Exception {
    return table.lookup(InetAddress.getByName(address));
  }

  @Test
  void longestPrefixWins() throws Exception {
    table.insert(Cidr.parse("0.0.0.0/0"), "gateway");
    table.insert(Cidr.parse("10.0.10.0/24"), "mesh");
    table.insert(Cidr.parse("10.0.10.7/32"), "seven");
    table.insert(Cidr.parse("10.0.10.128/25"), "upper");
    assertEquals("seven", at("10.0.10.7"));
    assertEquals("mesh", at("10.0.10.8"));
    assertEquals("upper", at("10.0.10.200"));
    assertEquals("gateway", at("192.0.2.1"));
    assertNull(at("fd00::1"));
  }

  @Test
  void ipv6PrefixesAreSeparate() throws Exception {
    table.insert(Cidr.parse("fd00::/64"), "v6net");
    table.insert(Cidr.parse("fd00::7/128"), "v6host");
    assertEquals("v6host", at("fd00::7"));
    assertEquals("v6net", at("fd00::8"));
    assertNull(at("fd01::1"));
    assertNull(at("10.0.0.1"));
  }

  @Test
  void insertMovesAPrefixAndRemoveForgetsIt() throws Exception {
    table.insert(Cidr.parse("10.0.10.0/24"), "a");
    table.insert(Cidr.parse("10.0.10.0/24"), "b");
    assertEquals("b", at("10.0.10.1"));
    assertTrue(table.remove(Cidr.parse("10.0.10.0/24")));
    assertFalse(table.remove(Cidr.parse("10.0.10.0/24")));
    assertNull(at("10.0.10.1"));
  }

  @Test
  void removeAllAndPrefixesOfOnePeer() throws Exception {
    table.insert(Cidr.parse("10.0.10.2/32"), "a");
    table.insert(Cidr.parse("10.1.0.0/16"), "a");
    table.insert(Cidr.parse("fd00::2/128"), "a");
    table.insert(Cidr.parse("10.0.10.3/32"), "b");
    assertEquals(
        List.of(Cidr.parse("10.0.10.2/32"), Cidr.parse("10.1.0.0/16"), Cidr.parse("fd00::2/128")),
        table.prefixesOf("a"));
    table.removeAll("a");
    assertNull(at("10.1.2.3"));
    assertNull(at("fd00::2"));
    assertEquals("b", at("10.0.10.3"));
  }

  @Test
  void packetLookupUsesTheDestination() {
    table.insert(Cidr.parse("10.0.10.2/32"), "two");
    table.insert(Cidr.parse("fd00::2/128"), "six");
    byte[] p4 = Packets.ipv4("10.0.10.1", "10.0.10.2", 8);
    assertEquals("two", table.lookupDestination(p4, 0, p4.length));
    byte[] p6 = Packets.ipv6("fd00::1", "fd00::2", 8);
    assertEquals("six", table.lookupDestination(p6, 0, p6.length));
    assertNull(table.lookupDestination(new byte[] {0x45}, 0, 1));
  }

  @Test
  void cidrParsingIsStrictAndCanonical() {
    assertEquals(Cidr.parse("10.0.10.0/24"), Cidr.parse("10.0.10.77/24"));
    assertEquals("10.0.10.0/24", Cidr.parse("10.0.10.77/24").toString());
    assertEquals(32, Cidr.parse("10.0.10.77").prefixLength());
    assertEquals(128, Cidr.parse("fd00::1").prefixLength());
    for (String bad :
        new String[] {
          "10.0.10/24",
          "10.0.10.256",
          "10.0.0.1/33",
          "fd00::/129",
          "x/8",
          "a.b.c.d",
          "example.com",
          "g::1",
          "10.0.0.1/x",
          ""
        }) {
      assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
    }
    Cidr c = Cidr.parse("10.0.10.0/24");
    assertTrue(c.contains(new byte[] {10, 0, 10, 99}, 0, 4));
    assertFalse(c.contains(new byte[] {10, 0, 11, 99}, 0, 4));
  }
}
