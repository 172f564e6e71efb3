package wolf.net.udp;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * An in-memory {@link UdpTransport} for tests: every instance created from one {@link Network}
 * reaches the others by address. A network-wide filter can drop, or record, datagrams. One socket.
 * Thread-safe.
 */
public final class MemoryUdp implements UdpTransport {
  /** The wire that connects {@link MemoryUdp} endpoints. */
  public static final class Network {
    private final Map<InetSocketAddress, MemoryUdp> endpoints = new ConcurrentHashMap<>();
    private volatile Predicate<Datagram> filter = d -> true;

    /** An endpoint at {@code address}. */
    public MemoryUdp attach(InetSocketAddress address) {
      MemoryUdp udp = new MemoryUdp(this, address);
      endpoints.put(address, udp);
      return udp;
    }

    /** Datagrams for which {@code filter} is false are lost. */
    public void setFilter(Predicate<Datagram> filter) {
      this.filter = filter;
    }

    /** Delivers {@code payload} as if sent from {@code from} (replays, forgeries). */
    public void inject(InetSocketAddress from, InetSocketAddress to, byte[] payload) {
      MemoryUdp target = endpoints.get(to);
      if (target != null) {
        target.queue.add(new Datagram(from, to, payload.clone()));
      }
    }
  }

  /** One datagram in flight. */
  public record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] payload) {}

  private static final Datagram CLOSED = new Datagram(null, null, new byte[0]);

  private final Network network;
  private final InetSocketAddress address;
  private final BlockingQueue<Datagram> queue = new LinkedBlockingQueue<>();

  private MemoryUdp(Network network, InetSocketAddress address) {
    this.network = network;
    this.address = address;
  }

  @Override
  public int localPort() {
    return address.getPort();
  }

  @Override
  public int sockets() {
    return 1;
  }

  @Override
  public InetSocketAddress receive(int socket, ByteBuffer buf) throws java.io.IOException {
    Datagram d;
    try {
      d = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("receive interrupted");
    }
    return deliver(d, buf);
  }

  @Override
  public InetSocketAddress poll(int socket, ByteBuffer buf) {
    Datagram d = queue.poll();
    return d == null ? null : deliver(d, buf);
  }

  private InetSocketAddress deliver(Datagram d, ByteBuffer buf) {
    if (d == CLOSED) {
      queue.add(CLOSED);
      return null;
    }
    buf.put(d.payload(), 0, Math.min(d.payload().length, buf.remaining()));
    buf.flip();
    return d.from();
  }

  @Override
  public boolean send(int socket, ByteBuffer buf, InetSocketAddress to) {
    byte[] payload = new byte[buf.remaining()];
    buf.get(payload);
    Datagram d = new Datagram(address, to, payload);
    MemoryUdp target = network.endpoints.get(to);
    if (target != null && network.filter.test(d)) {
      target.queue.add(d);
    }
    return true;
  }

  @Override
  public void close() {
    network.endpoints.remove(address, this);
    queue.add(CLOSED);
  }
}
