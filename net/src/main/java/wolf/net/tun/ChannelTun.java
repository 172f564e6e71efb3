package wolf.net.tun;

import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory {@link TunDevice} for tests, like wireguard-go's {@code tuntest}: packets the
 * "kernel" sends into the tunnel are {@link #inject}ed, packets the device delivers to the "kernel"
 * are {@link #take}n. One queue. Thread-safe.
 */
public final class ChannelTun implements TunDevice {
  private static final byte[] CLOSED = new byte[0];

  private final String name;
  private final BlockingQueue<byte[]> outbound = new LinkedBlockingQueue<>();
  private final BlockingQueue<byte[]> delivered = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  public ChannelTun(String name) {
    this.name = name;
  }

  /** A packet from the local host, to be read by the device and sent through the tunnel. */
  public void inject(byte[] packet) {
    outbound.add(packet.clone());
  }

  /** The next packet the device delivered to the local host, or null after {@code millis}. */
  public byte[] take(long millis) throws InterruptedException {
    return delivered.poll(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int queues() {
    return 1;
  }

  @Override
  public int read(int queue, byte[] buf) throws java.io.IOException {
    try {
      byte[] p = outbound.take();
      if (p == CLOSED) {
        outbound.add(CLOSED);
        return -1;
      }
      int n = Math.min(p.length, buf.length);
      System.arraycopy(p, 0, buf, 0, n);
      return n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("read interrupted");
    }
  }

  @Override
  public void write(int queue, byte[] buf, int len) throws java.io.IOException {
    if (closed) {
      throw new java.io.IOException(name + " is closed");
    }
    delivered.add(Arrays.copyOf(buf, len));
  }

  @Override
  public void close() {
    closed = true;
    outbound.add(CLOSED);
  }
}
