package wolf.net.tun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Gives a TUN interface its overlay address and MTU and brings it up, with {@code ip}. IPv6 is
 * switched off on the interface first (before it is up), so the kernel sends no router
 * solicitations into the tunnel; any IPv6 packet that still arrives is dropped and counted as
 * having no route. Nothing needs undoing: closing the TUN device removes the interface and
 * everything on it. Blocking; call it from start-up code.
 */
public final class LinkSetup {
  private LinkSetup() {}

  /**
   * Configures {@code name}.
   *
   * @param address the interface address with its prefix, e.g. {@code 10.0.10.1/24}
   * @param mtu bytes of inner packet
   */
  public static void configure(String name, String address, int mtu) throws IOException {
    Path v6 = Path.of("/proc/sys/net/ipv6/conf", name, "disable_ipv6");
    if (Files.exists(v6)) {
      Files.writeString(v6, "1\n");
    }
    Commands.run(List.of("ip", "link", "set", "dev", name, "mtu", Integer.toString(mtu)));
    Commands.run(List.of("ip", "address", "add", address, "dev", name));
    Commands.run(List.of("ip", "link", "set", "dev", name, "up"));
  }

  /** Routes {@code prefix} (e.g. {@code 192.168.50.0/24}) into the interface. */
  public static void addRoute(String name, String prefix) throws IOException {
    Commands.run(List.of("ip", "route", "replace", prefix, "dev", name));
  }
}
