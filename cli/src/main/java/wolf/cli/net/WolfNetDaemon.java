package wolf.cli.net;

import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.cli.Version;
import wolf.config.net.WolfNetConfig;
import wolf.net.control.ControlServer;
import wolf.net.control.DeviceStatus;
import wolf.net.device.DeviceSettings;
import wolf.net.device.TokenLedger;
import wolf.net.device.WolfNetDevice;
import wolf.net.keys.KeyFiles;
import wolf.net.keys.KeyPair;
import wolf.net.mesh.GatewayNat;
import wolf.net.mesh.LanDiscovery;
import wolf.net.transport.Cidr;
import wolf.net.transport.NetClock;
import wolf.net.tun.LinkSetup;
import wolf.net.tun.LinuxTun;
import wolf.net.udp.NioUdp;

/**
 * One WolfNet node: key, TUN interface with its address and routes, NAT when a gateway, UDP
 * sockets, the device, LAN discovery and the control socket — started in that order and closed in
 * reverse by {@link #close} (also on SIGTERM), so the interface, its routes and the nft table are
 * gone afterwards. A start that fails half-way closes what it opened.
 */
public final class WolfNetDaemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WolfNetDaemon.class);

  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private WolfNetDevice device;

  private WolfNetDaemon() {}

  /** Starts a node from a validated config. Needs CAP_NET_ADMIN. */
  public static WolfNetDaemon start(WolfNetConfig c) throws Exception {
    WolfNetDaemon d = new WolfNetDaemon();
    try {
      d.open(c);
    } catch (Exception | Error e) {
      d.close();
      throw e;
    }
    return d;
  }

  private void open(WolfNetConfig c) throws Exception {
    KeyPair keys = KeyPair.of(KeyFiles.readPrivate(c.privateKeyFile()));
    DeviceSettings s = DeviceSettingsFactory.of(c);
    TokenLedger ledger = TokenLedger.open(c.stateDir().resolve("tokens"));
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.empty(),
            "wolfnet",
            ConfigFactory.parseMap(
                    Map.of(
                        "pekko.loggers",
                        List.of("org.apache.pekko.event.slf4j.Slf4jLogger"),
                        "pekko.logging-filter",
                        "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"))
                .withFallback(ConfigFactory.load()));
    opened.push(system::terminate);
    LinuxTun tun = LinuxTun.open(s.interfaceName(), s.workers(), c.offload());
    opened.push(tun);
    LinkSetup.configure(tun.name(), s.interfaceAddress(), s.mtu());
    if (s.gateway()) {
      opened.push(GatewayNat.enable(tun.name(), s.network().toString()));
    } else {
      for (Cidr route : s.gatewayRoutes()) {
        LinkSetup.addRoute(tun.name(), route.toString());
      }
    }
    NioUdp udp = NioUdp.bind(new InetSocketAddress(s.listenPort()), s.workers());
    opened.push(udp);
    device = WolfNetDevice.start(s, keys, tun, udp, NetClock.SYSTEM, system, ledger);
    opened.push(device);
    if (c.discovery()) {
      opened.push(
          LanDiscovery.start(
              keys.publicKey(),
              udp.localPort(),
              tun.name(),
              c.discoveryPort(),
              Duration.ofSeconds(c.discoveryIntervalSeconds()),
              device::endpointSeen));
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("version", Version.get());
    info.put("java", Runtime.version().toString());
    info.put("config", c.source().toString());
    info.put("interface", tun.name());
    info.put("address", s.interfaceAddress());
    info.put("listenPort", udp.localPort());
    info.put("publicKey", keys.publicKey().base64());
    info.put("workers", s.workers());
    info.put("offload", tun.offload());
    info.put("gateway", s.gateway());
    WolfNetDevice dev = device;
    opened.push(ControlServer.start(c.controlSocket(), () -> DeviceStatus.of(dev), info));
  }

  public WolfNetDevice device() {
    return device;
  }

  @Override
  public synchronized void close() {
    while (!opened.isEmpty()) {
      AutoCloseable c = opened.pop();
      try {
        c.close();
      } catch (Exception e) {
        log.warn("wolfnet: stopping {} failed: {}", c, e.toString());
      }
    }
  }
}
