package wolf.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import wolf.actors.KernelSettings;
import wolf.actors.KernelSettings.DiscoverySettings;
import wolf.actors.KernelSettings.TransportSecurity;
import wolf.config.HostPort;
import wolf.config.SecuritySettings;
import wolf.config.TransportMode;
import wolf.config.WolfScaleConfig;

/** Maps a validated {@code wolfscale.toml} onto the kernel's settings. */
public final class KernelSettingsFactory {
  /** The cluster role every WolfScale data node carries. */
  public static final String ROLE = "wolfscale";

  private KernelSettingsFactory() {}

  /**
   * @param seedsOverride when non-empty, replaces {@code [cluster] peers} ({@code wolfscale join})
   * @param bootstrap {@code --bootstrap} given on the command line
   */
  public static KernelSettings wolfscale(
      WolfScaleConfig c, List<HostPort> seedsOverride, boolean bootstrap) {
    HostPort bind = c.node().bindAddress();
    HostPort advertise =
        c.node()
            .advertiseAddress()
            .orElse(bind.isWildcard() ? new HostPort(guessHost(), bind.port()) : bind);
    List<HostPort> seeds = seedsOverride.isEmpty() ? c.cluster().peers() : seedsOverride;
    var cl = c.cluster();
    return new KernelSettings(
        cl.clusterName(),
        c.node().id(),
        ROLE,
        bind.host(),
        bind.port(),
        advertise.host(),
        advertise.port(),
        seeds.stream().map(HostPort::toString).toList(),
        bootstrap || cl.bootstrap(),
        new DiscoverySettings(
            cl.autoDiscovery(),
            cl.discoveryAddress().host(),
            cl.discoveryAddress().port(),
            Duration.ofMillis(cl.discoveryIntervalMs())),
        security(c.security()),
        Duration.ofMillis(cl.heartbeatIntervalMs()),
        Duration.ofMillis(cl.electionTimeoutMs()),
        // The replicated log declares the node caught up once it holds the leader's log.
        false);
  }

  /** The address other nodes reach this node at, as {@code peers} would spell it. */
  public static HostPort advertised(WolfScaleConfig c) {
    HostPort bind = c.node().bindAddress();
    return c.node()
        .advertiseAddress()
        .orElse(bind.isWildcard() ? new HostPort(guessHost(), bind.port()) : bind);
  }

  static TransportSecurity security(SecuritySettings s) {
    if (s.transport() == TransportMode.TCP) {
      return TransportSecurity.plain();
    }
    return new TransportSecurity(
        true, s.keyStore(), s.keyStorePassword(), s.certFile(), s.keyFile(), s.caFile());
  }

  /** The first site-local IPv4 address of an up, non-loopback interface, else loopback. */
  static String guessHost() {
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!ni.isUp() || ni.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // fall through to loopback
    }
    return "127.0.0.1";
  }
}
