package wolf.net.udp;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The datagram sockets of one device, all bound to one port. With several sockets the kernel
 * spreads incoming datagrams over them by source address and port; each has its own reader thread.
 *
 * <p>Thread-safety: one reader per socket; {@link #send} may be called from any thread. After
 * {@link #close}, blocked receives return null.
 */
public interface UdpTransport extends Closeable {
  /** The bound port. */
  int localPort();

  /** Number of sockets, at least 1. */
  int sockets();

  /**
   * Blocks for the next datagram on {@code socket}, put into {@code buf} from its position (the
   * buffer is then flipped); a datagram longer than the room left is truncated.
   *
   * @return the sender, or null once closed
   */
  InetSocketAddress receive(int socket, ByteBuffer buf) throws IOException;

  /** Like {@link #receive} but returns null at once when no datagram is waiting. */
  InetSocketAddress poll(int socket, ByteBuffer buf) throws IOException;

  /**
   * Sends {@code buf}'s remaining bytes as one datagram to {@code to}. Failures that concern only
   * this datagram (unreachable network, full buffer) are reported as {@code false}; the caller
   * counts them.
   */
  boolean send(int socket, ByteBuffer buf, InetSocketAddress to);

  @Override
  void close();
}
