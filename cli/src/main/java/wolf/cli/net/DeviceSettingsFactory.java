package wolf.cli.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.cli.Cli;
import wolf.config.net.PeerEntry;
import wolf.config.net.WolfNetConfig;
import wolf.net.device.DeviceSettings;
import wolf.net.device.PeerSpec;
import wolf.net.keys.InvalidTokenException;
import wolf.net.keys.JoinToken;
import wolf.net.keys.PublicKey;
import wolf.net.transport.Cidr;

/** Maps a validated {@link WolfNetConfig} to the device's settings. Resolves peer host names. */
final class DeviceSettingsFactory {
  private static final Logger log = LoggerFactory.getLogger(DeviceSettingsFactory.class);

  private DeviceSettingsFactory() {}

  /** Packet threads per direction when the config says 0: one per core, at most 4. */
  static int workers(WolfNetConfig c) {
    return c.workers() > 0
        ? c.workers()
        : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  static DeviceSettings of(WolfNetConfig c) {
    List<PeerSpec> peers = new ArrayList<>();
    for (PeerEntry p : c.peers()) {
      InetSocketAddress endpoint = null;
      if (p.endpoint().isPresent()) {
        endpoint = new InetSocketAddress(p.endpoint().get().host(), p.endpoint().get().port());
        if (endpoint.isUnresolved()) {
          log.warn("peer {}: cannot resolve {}; waiting for its packets", p.name(), p.endpoint());
          endpoint = null;
        }
      }
      JoinToken token = null;
      if (p.token().isPresent()) {
        try {
          token = JoinToken.decode(p.token().get());
        } catch (InvalidTokenException e) {
          throw new Cli.UserError(c.source() + ": peer " + p.name() + ": token: " + e.getMessage());
        }
      }
      peers.add(
          new PeerSpec(
              p.name(),
              PublicKey.parse(p.publicKey()),
              endpoint,
              p.allowedIps().stream().map(Cidr::parse).toList(),
              p.gateway(),
              token));
    }
    return new DeviceSettings(
        c.name(),
        c.address().address(),
        c.address().prefixLength(),
        c.listenPort(),
        c.mtu(),
        workers(c),
        Duration.ofSeconds(c.keepaliveSeconds()),
        Duration.ofSeconds(c.peerTimeoutSeconds()),
        c.gateway(),
        c.gatewayRoutes().stream().map(Cidr::parse).toList(),
        peers);
  }
}
