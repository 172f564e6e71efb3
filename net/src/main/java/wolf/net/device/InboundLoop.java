package wolf.net.device;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.net.transport.DropReason;
import wolf.net.transport.TransportCodec;

/**
 * One UDP socket's thread: transport messages are opened here and written to the TUN device;
 * handshake messages (and anything else) go to the {@link HandshakeWorker}, so that a flood of
 * expensive handshakes never stalls data. Every bad datagram is dropped and counted by the codec or
 * the handshake engine; the loop keeps going. Ends when the sockets are closed.
 */
final class InboundLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(InboundLoop.class);

  private final WolfNetDevice device;
  private final int socket;

  InboundLoop(WolfNetDevice device, int socket) {
    this.device = device;
    this.socket = socket;
  }

  @Override
  public void run() {
    ByteBuffer buf = ByteBuffer.allocate(TransportCodec.MAX_PACKET + 1);
    byte[] in = buf.array();
    byte[] plain = new byte[TransportCodec.MAX_PACKET + device.tun().headroom()];
    TransportCodec codec = device.newCodec();
    int queue = socket % device.tun().queues();
    int room = device.tun().headroom();
    try {
      while (true) {
        buf.clear();
        InetSocketAddress from = device.udp().receive(socket, buf);
        if (from == null) {
          return;
        }
        int len = buf.limit();
        if (len >= 4 && in[0] == TransportCodec.TYPE) {
          int n = codec.open(in, 0, len, from, plain, room);
          if (n > 0) {
            try {
              device.tun().write(queue, plain, n);
            } catch (IOException e) {
              device.counters().drop(DropReason.TUN_WRITE_FAILED);
            }
          }
        } else {
          device.handshakes().submit(in, len, from);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (device.isRunning()) {
        log.error("{}: UDP socket {} failed; inbound traffic on it stops", device, socket, e);
      }
    }
  }
}
