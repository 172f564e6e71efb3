package wolf.net.device;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.net.peer.PeerLink;
import wolf.net.transport.DropReason;
import wolf.net.transport.TransportCodec;
import wolf.net.transport.TransportPeer;

/**
 * One TUN queue's thread: read an IP packet, find its peer by destination (allowed IPs), seal it,
 * send it. A packet for a peer without a session is handed to the peer ({@link PeerLink#stage}),
 * which starts a handshake. Owns its buffers and codec; nothing is allocated per packet on the fast
 * path. Ends when the TUN device is closed.
 */
final class OutboundLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(OutboundLoop.class);

  private final WolfNetDevice device;
  private final int queue;

  OutboundLoop(WolfNetDevice device, int queue) {
    this.device = device;
    this.queue = queue;
  }

  @Override
  public void run() {
    byte[] in = new byte[TransportCodec.MAX_INNER + 1];
    byte[] out = new byte[TransportCodec.MAX_PACKET];
    ByteBuffer outBuf = ByteBuffer.wrap(out);
    TransportCodec codec = device.newCodec();
    int socket = queue % device.udp().sockets();
    try {
      while (true) {
        int n = device.tun().read(queue, in);
        if (n < 0) {
          return;
        }
        TransportPeer peer = device.routes().lookupDestination(in, 0, n);
        if (peer == null) {
          device.counters().drop(DropReason.NO_ROUTE);
          continue;
        }
        int m = codec.seal(peer, in, 0, n, out, 0);
        if (m < 0) {
          device.counters().drop(DropReason.NO_SESSION);
          PeerLink link = device.link(peer.key());
          if (link != null) {
            link.stage(in, n, device.counters());
          }
          continue;
        }
        InetSocketAddress to = peer.endpoint();
        outBuf.clear().limit(m);
        if (to == null) {
          device.counters().drop(DropReason.NO_ENDPOINT);
        } else if (!device.udp().send(socket, outBuf, to)) {
          device.counters().drop(DropReason.SEND_FAILED);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (device.isRunning()) {
        log.error("{}: TUN queue {} failed; outbound traffic on it stops", device, queue, e);
      }
    }
  }
}
