package wolf.net.device;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.net.transport.DropReason;
import wolf.net.transport.TransportCodec;

/**
 * One UDP socket's thread: it waits for a datagram, then takes whatever else is already queued (up
 * to {@link #BATCH}); transport messages are opened into a batch that goes to the TUN device in one
 * {@link wolf.net.tun.TunDevice#writeBatch} (which may join TCP segments); handshake messages (and
 * anything else) go to the {@link HandshakeWorker}, so that a flood of expensive handshakes never
 * stalls data. Every bad datagram is dropped and counted by the codec or the handshake engine; the
 * loop keeps going. Ends when the sockets are closed.
 */
final class InboundLoop implements Runnable {
  static final int BATCH = 32;
  private static final Logger log = LoggerFactory.getLogger(InboundLoop.class);

  private final WolfNetDevice device;
  private final int socket;
  private final ByteBuffer buf = ByteBuffer.allocate(TransportCodec.MAX_PACKET + 1);
  private final byte[][] plain;
  private final int[] lens = new int[BATCH];
  private final int room;
  private final TransportCodec codec;
  private int count;

  InboundLoop(WolfNetDevice device, int socket) {
    this.device = device;
    this.socket = socket;
    this.room = device.tun().headroom();
    this.plain = new byte[BATCH][TransportCodec.MAX_PACKET + room];
    this.codec = device.newCodec();
  }

  @Override
  public void run() {
    int queue = socket % device.tun().queues();
    try {
      while (true) {
        buf.clear();
        InetSocketAddress from = device.udp().receive(socket, buf);
        if (from == null) {
          return;
        }
        count = 0;
        take(from);
        while (count < BATCH) {
          buf.clear();
          from = device.udp().poll(socket, buf);
          if (from == null) {
            break;
          }
          take(from);
        }
        if (count > 0) {
          int failed = device.tun().writeBatch(queue, plain, lens, count);
          for (int i = 0; i < failed; i++) {
            device.counters().drop(DropReason.TUN_WRITE_FAILED);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (device.isRunning()) {
        log.error("{}: UDP socket {} failed; inbound traffic on it stops", device, socket, e);
      }
    }
  }

  private void take(InetSocketAddress from) {
    byte[] in = buf.array();
    int len = buf.limit();
    if (len >= 4 && in[0] == TransportCodec.TYPE) {
      int n = codec.open(in, 0, len, from, plain[count], room);
      if (n > 0) {
        lens[count++] = n;
      }
    } else {
      device.handshakes().submit(in, len, from);
    }
  }
}
