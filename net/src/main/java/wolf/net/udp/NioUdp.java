package wolf.net.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * {@link UdpTransport} over blocking NIO {@link DatagramChannel}s sharing one port with {@code
 * SO_REUSEPORT}, IPv4 only (WolfNet endpoints are IPv4 today). Sockets get 4 MiB buffers so a burst
 * does not overflow them while a reader thread is busy decrypting. Closing the channels wakes
 * blocked readers. Thread-safe as {@link UdpTransport} states.
 */
public final class NioUdp implements UdpTransport {
  private static final int BUFFER_BYTES = 4 << 20;

  private final DatagramChannel[] channels;
  private final Selector[] selectors;
  private final int port;
  private volatile boolean closed;

  private NioUdp(DatagramChannel[] channels, Selector[] selectors, int port) {
    this.channels = channels;
    this.selectors = selectors;
    this.port = port;
  }

  /**
   * Binds {@code sockets} sockets to {@code bind} (port 0: a free port, shared by all of them).
   *
   * @throws IOException naming the address, e.g. when the port is taken by another program
   */
  public static NioUdp bind(InetSocketAddress bind, int sockets) throws IOException {
    DatagramChannel[] channels = new DatagramChannel[Math.max(1, sockets)];
    Selector[] selectors = new Selector[channels.length];
    int port = bind.getPort();
    try {
      for (int i = 0; i < channels.length; i++) {
        DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET);
        channels[i] = c;
        c.setOption(StandardSocketOptions.SO_REUSEPORT, channels.length > 1);
        c.setOption(StandardSocketOptions.SO_RCVBUF, BUFFER_BYTES);
        c.setOption(StandardSocketOptions.SO_SNDBUF, BUFFER_BYTES);
        c.bind(new InetSocketAddress(bind.getAddress(), port));
        port = ((InetSocketAddress) c.getLocalAddress()).getPort();
        c.configureBlocking(false);
        selectors[i] = Selector.open();
        c.register(selectors[i], SelectionKey.OP_READ);
      }
    } catch (IOException e) {
      for (int i = 0; i < channels.length; i++) {
        if (channels[i] != null) {
          channels[i].close();
        }
        if (selectors[i] != null) {
          selectors[i].close();
        }
      }
      throw new IOException("cannot bind UDP " + bind + ": " + e.getMessage(), e);
    }
    return new NioUdp(channels, selectors, port);
  }

  @Override
  public int localPort() {
    return port;
  }

  @Override
  public int sockets() {
    return channels.length;
  }

  @Override
  public InetSocketAddress receive(int socket, ByteBuffer buf) throws IOException {
    Selector selector = selectors[socket];
    while (!closed) {
      InetSocketAddress from = poll(socket, buf);
      if (from != null) {
        return from;
      }
      try {
        selector.select(500);
        selector.selectedKeys().clear();
      } catch (ClosedSelectorException e) {
        return null;
      }
    }
    return null;
  }

  @Override
  public InetSocketAddress poll(int socket, ByteBuffer buf) throws IOException {
    try {
      InetSocketAddress from = (InetSocketAddress) channels[socket].receive(buf);
      if (from != null) {
        buf.flip();
      }
      return from;
    } catch (ClosedChannelException e) {
      return null;
    } catch (IOException e) {
      if (closed) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public boolean send(int socket, ByteBuffer buf, InetSocketAddress to) {
    try {
      return channels[socket].send(buf, to) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    for (int i = 0; i < channels.length; i++) {
      try {
        channels[i].close();
        selectors[i].close();
      } catch (IOException e) {
        // closing: nothing to do about it
      }
    }
  }
}
