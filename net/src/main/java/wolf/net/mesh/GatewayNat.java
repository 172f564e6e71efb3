package wolf.net.mesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.net.tun.Commands;

/**
 * A gateway's forwarding and NAT: turns on IPv4 forwarding and adds an nftables table that
 * masquerades traffic from the overlay leaving through any other interface. {@link #close} deletes
 * the table and puts {@code ip_forward} back as it was. Blocking (runs {@code nft}); used at start
 * and stop. Not thread-safe.
 */
public final class GatewayNat implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayNat.class);
  private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");

  private final String table;
  private final String previousForward;
  private boolean closed;

  private GatewayNat(String table, String previousForward) {
    this.table = table;
    this.previousForward = previousForward;
  }

  /**
   * Enables forwarding and NAT for {@code overlay} (e.g. {@code 10.0.10.0/24}) leaving anywhere but
   * {@code interfaceName}.
   *
   * @throws IOException if {@code nft} is missing or refuses the rules (the message says which)
   */
  public static GatewayNat enable(String interfaceName, String overlay) throws IOException {
    String table = "wolfnet_" + interfaceName.replaceAll("[^A-Za-z0-9_]", "_");
    String previous = Files.readString(IP_FORWARD).strip();
    String rules =
        "table ip "
            + table
            + " {\n"
            + "  chain postrouting {\n"
            + "    type nat hook postrouting priority srcnat; policy accept;\n"
            + "    ip saddr "
            + overlay
            + " oifname != \""
            + interfaceName
            + "\" masquerade\n"
            + "  }\n"
            + "}\n";
    try {
      // A table left by a killed daemon would get the rule twice.
      Commands.run(List.of("nft", "delete", "table", "ip", table));
    } catch (IOException e) {
      // none there: the normal case
    }
    Commands.run(List.of("nft", "-f", "-"), rules);
    Files.writeString(IP_FORWARD, "1\n");
    log.info("{}: gateway NAT on: {} masqueraded, ip_forward=1", interfaceName, overlay);
    return new GatewayNat(table, previous);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Commands.run(List.of("nft", "delete", "table", "ip", table));
    } catch (IOException e) {
      log.warn("gateway NAT: could not delete nft table {}: {}", table, e.getMessage());
    }
    try {
      Files.writeString(IP_FORWARD, previousForward + "\n");
    } catch (IOException e) {
      log.warn("gateway NAT: could not restore ip_forward={}: {}", previousForward, e.getMessage());
    }
  }
}
