package wolf.net.device;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import wolf.net.transport.Cidr;

/**
 * Everything a {@link WolfNetDevice} needs besides its keys and I/O. Validated values only (the
 * TOML loader in {@code wolf.config.net} checks files; this record checks its own invariants).
 *
 * @param interfaceName TUN interface name, 1..15 bytes
 * @param address this node's overlay address; also its id in gateway elections
 * @param prefixLength the overlay network's prefix length (the interface route)
 * @param listenPort UDP port, 0 for any free port
 * @param mtu inner MTU in bytes; outer datagrams are {@code mtu + 32} bytes of UDP payload
 * @param workers packet threads per direction (TUN queues and UDP sockets), at least 1
 * @param keepalive send an empty packet after this much silence towards a peer, so that sessions
 *     stay up and liveness is known; zero turns persistent keepalives off
 * @param peerTimeout a peer heard nothing from for this long is dead (gateway elections)
 * @param gateway this node may be the gateway: forwarding and NAT for {@code gatewayRoutes}
 * @param gatewayRoutes networks reached through the active gateway
 * @param peers configured peers
 */
public record DeviceSettings(
    String interfaceName,
    InetAddress address,
    int prefixLength,
    int listenPort,
    int mtu,
    int workers,
    Duration keepalive,
    Duration peerTimeout,
    boolean gateway,
    List<Cidr> gatewayRoutes,
    List<PeerSpec> peers) {
  public DeviceSettings {
    Objects.requireNonNull(interfaceName, "interfaceName");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(keepalive, "keepalive");
    Objects.requireNonNull(peerTimeout, "peerTimeout");
    gatewayRoutes = List.copyOf(gatewayRoutes);
    peers = List.copyOf(peers);
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1");
    }
    if (mtu < 576 || mtu > 65_000) {
      throw new IllegalArgumentException("mtu must be 576..65000, got " + mtu);
    }
  }

  /** The overlay network, e.g. {@code 10.0.10.0/24}. */
  public Cidr network() {
    return Cidr.of(address, prefixLength);
  }

  /** {@code address/prefixLength} as {@code ip address add} takes it. */
  public String interfaceAddress() {
    return address.getHostAddress() + "/" + prefixLength;
  }
}
