package wolf.net.device;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.net.handshake.HandshakeEngine;
import wolf.net.handshake.HandshakeEvent;
import wolf.net.handshake.HandshakeOutcome;
import wolf.net.peer.PeerActor;
import wolf.net.peer.PeerLink;
import wolf.net.transport.DropReason;

/**
 * The device's handshake thread: runs every handshake message through the {@link HandshakeEngine}
 * (X25519 costs ~0.1 ms, far more than a data packet), sends the reply, and tells the peer's actor
 * what happened. Its queue is bounded ({@link #BACKLOG}); past that, messages are dropped and
 * counted, which together with the engine's cookies keeps a flood from growing memory.
 */
final class HandshakeWorker implements Runnable {
  static final int BACKLOG = 1024;
  private static final Logger log = LoggerFactory.getLogger(HandshakeWorker.class);

  private record Message(byte[] bytes, InetSocketAddress from) {}

  private static final Message STOP = new Message(new byte[0], null);

  private final WolfNetDevice device;
  private final HandshakeEngine engine;
  private final BlockingQueue<Message> queue = new ArrayBlockingQueue<>(BACKLOG);

  HandshakeWorker(WolfNetDevice device, HandshakeEngine engine) {
    this.device = device;
    this.engine = engine;
  }

  /** Queues a copy of {@code b[0, len)}; drops and counts it if the backlog is full. */
  void submit(byte[] b, int len, InetSocketAddress from) {
    if (!queue.offer(new Message(Arrays.copyOf(b, len), from))) {
      device.counters().drop(DropReason.HANDSHAKE_BACKLOG);
    }
  }

  void stop() {
    queue.clear();
    queue.offer(STOP);
  }

  @Override
  public void run() {
    try {
      while (true) {
        Message m = queue.take();
        if (m == STOP) {
          return;
        }
        try {
          handle(m);
        } catch (RuntimeException e) {
          log.error("{}: handshake from {} failed unexpectedly", device, m.from(), e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(Message m) {
    HandshakeOutcome outcome = engine.receive(m.bytes(), 0, m.bytes().length, m.from());
    if (outcome.hasReply() && m.from() != null) {
      byte[] reply = outcome.reply();
      if (!device.wire().send(reply, reply.length, m.from())) {
        device.counters().drop(DropReason.SEND_FAILED);
      }
    }
    HandshakeEvent event = outcome.event();
    if (event instanceof HandshakeEvent.SessionEstablished up) {
      PeerLink link = device.link(up.peer().key());
      if (link != null) {
        link.actor().tell(new PeerActor.SessionUp(up.session()));
      }
    } else if (event instanceof HandshakeEvent.CookieReceived cookie) {
      PeerLink link = device.link(cookie.peer().key());
      if (link != null) {
        link.actor().tell(PeerActor.CookieArrived.INSTANCE);
      }
    } else if (event instanceof HandshakeEvent.Dropped d) {
      log.debug("{}: handshake message from {} dropped: {}", device, m.from(), d.detail());
    }
  }
}
