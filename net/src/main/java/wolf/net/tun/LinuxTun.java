package wolf.net.tun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Linux TUN interface opened through {@code /dev/net/tun} ({@code TUNSETIFF} with {@code IFF_TUN
 * | IFF_NO_PI}, plus {@code IFF_MULTI_QUEUE} for several queues). The interface exists while any of
 * its file descriptors is open and disappears, with its addresses and routes, when the last one
 * closes — so a killed daemon leaves nothing behind.
 *
 * <p>File descriptors are non-blocking; a read with nothing queued waits in {@code poll} for at
 * most {@link #POLL_MILLIS} at a time so that {@link #close} is noticed. Thread-safe as {@link
 * TunDevice} states. Needs {@code CAP_NET_ADMIN}.
 */
public final class LinuxTun implements TunDevice {
  static final long TUNSETIFF = 0x400454caL;
  static final short IFF_TUN = 0x0001;
  static final short IFF_NO_PI = 0x1000;
  static final short IFF_MULTI_QUEUE = 0x0100;
  static final short IFF_VNET_HDR = 0x4000;
  static final long TUNSETOFFLOAD = 0x400454d0L;

  /** TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6. */
  static final long OFFLOADS = 0x01 | 0x02 | 0x04;

  /** virtio_net_hdr flag for packets we write: the checksum needs no check (AEAD verified it). */
  static final byte DATA_VALID = 2;

  static final int IFREQ_BYTES = 40;
  static final int IFNAMSIZ = 16;
  static final int POLL_MILLIS = 200;

  private final LibC libc = LibC.INSTANCE;
  private final String name;
  private final int[] fds;
  private final boolean offload;
  private final byte[][] frames;
  private final Segmenter[] segmenters;
  private final Coalescer[] coalescers;
  private volatile boolean closed;

  private LinuxTun(String name, int[] fds, boolean offload) {
    this.name = name;
    this.fds = fds;
    this.offload = offload;
    this.frames = new byte[fds.length][];
    this.segmenters = new Segmenter[fds.length];
    this.coalescers = new Coalescer[fds.length];
    for (int q = 0; offload && q < fds.length; q++) {
      frames[q] = new byte[Segmenter.VNET_HDR + 65536];
      segmenters[q] = new Segmenter();
      coalescers[q] = new Coalescer();
    }
  }

  /**
   * Creates (or attaches to) the interface {@code name} with {@code queues} queues.
   *
   * @param offload let the kernel hand over TCP segments of up to 64 KiB and leave checksums to us
   *     ({@link Segmenter} cuts them into packets); if the kernel refuses, the device is opened
   *     without
   * @throws IOException naming the device and the kernel's reason, e.g. no {@code CAP_NET_ADMIN}
   */
  public static LinuxTun open(String name, int queues, boolean offload) throws IOException {
    if (offload) {
      try {
        return open(name, queues, IFF_VNET_HDR);
      } catch (IOException e) {
        org.slf4j.LoggerFactory.getLogger(LinuxTun.class)
            .warn("{}: TUN offloads refused ({}); using plain packets", name, e.getMessage());
      }
    }
    return open(name, queues, (short) 0);
  }

  private static LinuxTun open(String name, int queues, short extraFlags) throws IOException {
    byte[] raw = name.getBytes(StandardCharsets.US_ASCII);
    if (raw.length == 0 || raw.length >= IFNAMSIZ) {
      throw new IOException(
          "interface name '" + name + "' must be 1.." + (IFNAMSIZ - 1) + " bytes");
    }
    LibC libc = LibC.INSTANCE;
    int[] fds = new int[Math.max(1, queues)];
    Arrays.fill(fds, -1);
    String actual = name;
    try {
      for (int q = 0; q < fds.length; q++) {
        int fd = libc.open("/dev/net/tun", LibC.O_RDWR | LibC.O_NONBLOCK);
        if (fd < 0) {
          throw failure("open /dev/net/tun for " + name);
        }
        fds[q] = fd;
        byte[] ifreq = new byte[IFREQ_BYTES];
        System.arraycopy(raw, 0, ifreq, 0, raw.length);
        short flags =
            (short) (IFF_TUN | IFF_NO_PI | extraFlags | (fds.length > 1 ? IFF_MULTI_QUEUE : 0));
        ifreq[16] = (byte) flags;
        ifreq[17] = (byte) (flags >> 8);
        if (libc.ioctl(fd, TUNSETIFF, ifreq) < 0) {
          throw failure("TUNSETIFF " + name);
        }
        if (extraFlags != 0 && libc.ioctl(fd, TUNSETOFFLOAD, OFFLOADS) < 0) {
          throw failure("TUNSETOFFLOAD " + name);
        }
        int end = 0;
        while (end < IFNAMSIZ && ifreq[end] != 0) {
          end++;
        }
        actual = new String(ifreq, 0, end, StandardCharsets.US_ASCII);
      }
    } catch (IOException e) {
      for (int fd : fds) {
        if (fd >= 0) {
          libc.close(fd);
        }
      }
      throw e;
    }
    return new LinuxTun(actual, fds, extraFlags != 0);
  }

  private static IOException failure(String what) {
    int errno = LibC.errno();
    return new IOException(what + ": " + LibC.INSTANCE.strerror(errno) + " (errno " + errno + ")");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int queues() {
    return fds.length;
  }

  /** True if the kernel hands over TCP super-packets and leaves checksums to us. */
  public boolean offload() {
    return offload;
  }

  @Override
  public int headroom() {
    return offload ? Segmenter.VNET_HDR : 0;
  }

  @Override
  public int read(int queue, byte[] buf) throws IOException {
    if (!offload) {
      return readRaw(queue, buf);
    }
    Segmenter s = segmenters[queue];
    while (true) {
      int n = s.next(buf);
      if (n >= 0) {
        return n;
      }
      int len = readRaw(queue, frames[queue]);
      if (len < 0) {
        return -1;
      }
      s.load(frames[queue], len); // an unusable frame yields no packet and is skipped
    }
  }

  private int readRaw(int queue, byte[] buf) throws IOException {
    int fd = fds[queue];
    byte[] pollFd = null;
    while (!closed) {
      long n = libc.read(fd, buf, buf.length);
      if (n >= 0) {
        return (int) n;
      }
      int errno = LibC.errno();
      if (errno == LibC.EAGAIN || errno == LibC.EINTR) {
        if (pollFd == null) {
          pollFd = pollStruct(fd);
        }
        libc.poll(pollFd, 1, POLL_MILLIS);
      } else if (closed) {
        break;
      } else {
        throw new IOException("read " + name + ": " + libc.strerror(errno));
      }
    }
    return -1;
  }

  private static byte[] pollStruct(int fd) {
    byte[] p = new byte[8];
    p[0] = (byte) fd;
    p[1] = (byte) (fd >> 8);
    p[2] = (byte) (fd >> 16);
    p[3] = (byte) (fd >> 24);
    p[4] = (byte) LibC.POLLIN;
    return p;
  }

  @Override
  public void write(int queue, byte[] buf, int len) throws IOException {
    if (closed) {
      throw new IOException(name + " is closed");
    }
    if (offload) {
      Coalescer.plainHeader(buf);
    }
    writeRaw(queue, buf, len + headroom());
  }

  private void writeRaw(int queue, byte[] buf, int len) throws IOException {
    long n = libc.write(fds[queue], buf, len);
    if (n < 0) {
      throw new IOException("write " + name + ": " + libc.strerror(LibC.errno()));
    }
  }

  @Override
  public int writeBatch(int queue, byte[][] bufs, int[] lens, int count) {
    if (!offload) {
      return TunDevice.super.writeBatch(queue, bufs, lens, count);
    }
    if (closed) {
      return count;
    }
    Coalescer c = coalescers[queue];
    int[] failed = {0};
    synchronized (c) {
      try {
        c.write(
            bufs,
            lens,
            count,
            (b, n) -> {
              try {
                writeRaw(queue, b, n);
              } catch (IOException e) {
                failed[0]++;
              }
            });
      } catch (IOException e) {
        failed[0]++;
      }
    }
    return failed[0];
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      // Let readers leave their poll (at most POLL_MILLIS) before the descriptors go away.
      Thread.sleep(POLL_MILLIS + 50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (int fd : fds) {
      libc.close(fd);
    }
  }

  @Override
  public String toString() {
    return "LinuxTun[" + name + ", " + fds.length + " queue(s)]";
  }
}
