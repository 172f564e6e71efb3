package wolf.net.tun;

import java.io.Closeable;
import java.io.IOException;

/**
 * A layer-3 virtual interface: raw IPv4/IPv6 packets in and out, one per call, no packet-info
 * header. A device may have several queues (Linux {@code IFF_MULTI_QUEUE}); the kernel keeps each
 * flow on one queue, so one reader thread per queue preserves per-flow order.
 *
 * <p>Thread-safety: one reader per queue at a time; {@link #write} may be called from any thread.
 * {@link #close} may be called from any thread and makes blocked and later reads return -1 within a
 * fraction of a second.
 */
public interface TunDevice extends Closeable {
  /** The interface name, such as {@code wolfnet0}. */
  String name();

  /** Number of queues, at least 1. */
  int queues();

  /**
   * Blocks until a packet arrives on {@code queue} and copies it to {@code buf[0, ...)}; a packet
   * longer than {@code buf} is truncated (give it room for the MTU).
   *
   * @return the packet length, or -1 once the device is closed
   * @throws IOException if the kernel refuses the read for another reason
   */
  int read(int queue, byte[] buf) throws IOException;

  /**
   * Bytes a writer leaves free before the packet in {@link #write}'s buffer, for the device's own
   * per-packet header (so that no copy is needed to prepend it).
   */
  default int headroom() {
    return 0;
  }

  /**
   * Hands the IP packet {@code buf[headroom(), headroom() + len)} to the kernel as if it arrived on
   * this interface; {@code buf[0, headroom())} may be overwritten.
   *
   * @throws IOException if the kernel refuses it (malformed, or the device is gone)
   */
  void write(int queue, byte[] buf, int len) throws IOException;

  /**
   * Writes {@code count} packets, {@code bufs[i][headroom(), headroom() + lens[i])}, in order; a
   * device may join consecutive TCP segments of one flow into one write (receive offload).
   *
   * @return how many packets the kernel refused (each is lost; the others are written)
   */
  default int writeBatch(int queue, byte[][] bufs, int[] lens, int count) {
    int failed = 0;
    for (int i = 0; i < count; i++) {
      try {
        write(queue, bufs[i], lens[i]);
      } catch (IOException e) {
        failed++;
      }
    }
    return failed;
  }

  /** Releases the device; for a Linux device this removes the interface and its addresses. */
  @Override
  void close();
}
