package wolf.net.peer;

import java.net.InetSocketAddress;

/** Sends one datagram from the device's port. Thread-safe; never blocks for long (UDP). */
@FunctionalInterface
public interface Wire {
  /** Sends {@code b[0, len)} to {@code to}; returns false if the OS refused it. */
  boolean send(byte[] b, int len, InetSocketAddress to);
}
