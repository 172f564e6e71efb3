package wolf.net.handshake;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** A UDP network made of one queue: datagrams wait until the test delivers them. */
final class FakeNetwork {
  record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] data) {
    MessageType type() {
      return MessageType.of(data, 0, data.length);
    }
  }

  private final Deque<Datagram> queue = new ArrayDeque<>();
  private final Map<InetSocketAddress, TestNode> nodes = new HashMap<>();

  void attach(TestNode node) {
    nodes.put(node.address, node);
  }

  void send(InetSocketAddress from, InetSocketAddress to, byte[] data) {
    queue.add(new Datagram(from, to, data.clone()));
  }

  /** Takes the next datagram off the wire without delivering it (to capture or alter it). */
  Datagram take() {
    return queue.remove();
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  void deliver(Datagram d) {
    TestNode node = nodes.get(d.to());
    if (node != null) {
      node.receive(d.from(), d.data());
    }
  }

  /** Delivers until the queue is empty; returns how many datagrams moved. */
  int deliverAll() {
    int n = 0;
    while (!queue.isEmpty()) {
      deliver(queue.remove());
      n++;
    }
    return n;
  }
}
