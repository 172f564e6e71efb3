package wolf.net.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import wolf.net.device.WolfNetDevice;
import wolf.net.peer.PeerLink;
import wolf.net.transport.Cidr;
import wolf.net.transport.TransportPeer;

/**
 * What {@code wolfnetctl status} shows: the interface, the active gateway, each peer and every
 * counter. Field names are the JSON names. Built from the device's thread-safe state; a snapshot,
 * not a consistent cut.
 */
public record DeviceStatus(
    String interfaceName,
    String address,
    int listenPort,
    String publicKey,
    boolean gatewayCapable,
    String activeGateway,
    List<Peer> peers,
    Map<String, Long> counters) {

  /**
   * One peer.
   *
   * @param lastHandshakeEpochMillis 0 if none yet
   * @param lastReceivedSecondsAgo -1 if nothing was ever received
   */
  public record Peer(
      String name,
      String publicKey,
      String endpoint,
      List<String> allowedIps,
      boolean gateway,
      boolean session,
      long lastHandshakeEpochMillis,
      double lastReceivedSecondsAgo,
      long bytesReceived,
      long bytesSent) {}

  /** The status of {@code device} now. */
  public static DeviceStatus of(WolfNetDevice device) {
    List<Peer> peers = new ArrayList<>();
    long now = System.nanoTime();
    for (PeerLink l : device.links()) {
      TransportPeer t = l.transport();
      long last = t.lastReceivedNanos();
      peers.add(
          new Peer(
              l.spec().name(),
              t.key().base64(),
              t.endpoint() == null
                  ? ""
                  : t.endpoint().getHostString() + ":" + t.endpoint().getPort(),
              device.routes().prefixesOf(t).stream().map(Cidr::toString).toList(),
              l.spec().gateway(),
              t.sendSession() != null,
              l.lastHandshakeEpochMillis(),
              last == 0 ? -1 : (now - last) / 1e9,
              t.bytesReceived(),
              t.bytesSent()));
    }
    peers.sort(java.util.Comparator.comparing(Peer::name));
    return new DeviceStatus(
        device.tun().name(),
        device.settings().interfaceAddress(),
        device.udp().localPort(),
        device.publicKey().base64(),
        device.settings().gateway(),
        device.activeGateway(),
        peers,
        device.counters().snapshot());
  }
}
