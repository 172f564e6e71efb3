package wolf.net.mesh;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.net.keys.PublicKey;

/**
 * LAN discovery: every {@code interval} a beacon — {@code "WNB1"}, our static public key, our
 * WolfNet UDP port (u16 BE) — goes to the broadcast address of every up IPv4 interface except
 * loopback and the WolfNet interface itself. A beacon received from a <em>configured</em> key fills
 * in that peer's endpoint (source address, advertised port); unknown keys are ignored, so discovery
 * never admits anyone. Beacons are not authenticated: a forged one can at worst point a silent peer
 * at a wrong address, which fails its handshake and is corrected by the real peer's next
 * authenticated packet. Two threads (sender, receiver); stopped by {@link #close}.
 */
public final class LanDiscovery implements AutoCloseable {
  static final byte[] MAGIC = {'W', 'N', 'B', '1'};
  static final int BEACON_BYTES = 4 + 32 + 2;
  private static final Logger log = LoggerFactory.getLogger(LanDiscovery.class);

  private final DatagramSocket socket;
  private final byte[] beacon;
  private final PublicKey self;
  private final String tunName;
  private final int port;
  private final Duration interval;
  private final BiPredicate<PublicKey, InetSocketAddress> onSeen;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  private LanDiscovery(
      DatagramSocket socket,
      PublicKey self,
      int wolfnetPort,
      String tunName,
      int port,
      Duration interval,
      BiPredicate<PublicKey, InetSocketAddress> onSeen) {
    this.socket = socket;
    this.self = self;
    this.tunName = tunName;
    this.port = port;
    this.interval = interval;
    this.onSeen = onSeen;
    this.beacon =
        ByteBuffer.allocate(BEACON_BYTES)
            .put(MAGIC)
            .put(self.bytes())
            .putShort((short) wolfnetPort)
            .array();
  }

  /**
   * Starts discovery on UDP {@code port}.
   *
   * @param onSeen called for every beacon from another key with the endpoint it advertises; returns
   *     whether the key is a known peer (only for logging)
   */
  public static LanDiscovery start(
      PublicKey self,
      int wolfnetPort,
      String tunName,
      int port,
      Duration interval,
      BiPredicate<PublicKey, InetSocketAddress> onSeen)
      throws IOException {
    DatagramSocket socket = new DatagramSocket(null);
    socket.setReuseAddress(true);
    socket.setBroadcast(true);
    socket.bind(new InetSocketAddress(port));
    LanDiscovery d = new LanDiscovery(socket, self, wolfnetPort, tunName, port, interval, onSeen);
    d.spawn("wolfnet-discovery-send", d::sendLoop);
    d.spawn("wolfnet-discovery-receive", d::receiveLoop);
    return d;
  }

  private void spawn(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private void sendLoop() {
    while (running) {
      for (InetAddress broadcast : broadcastAddresses()) {
        try {
          socket.send(new DatagramPacket(beacon, beacon.length, broadcast, port));
        } catch (IOException e) {
          log.debug("discovery: beacon to {} failed: {}", broadcast, e.toString());
        }
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private List<InetAddress> broadcastAddresses() {
    List<InetAddress> out = new ArrayList<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback() || nif.getName().equals(tunName)) {
          continue;
        }
        for (InterfaceAddress a : nif.getInterfaceAddresses()) {
          if (a.getAddress() instanceof Inet4Address v4) {
            // Computed, not a.getBroadcast(): an address added without 'brd' reports 0.0.0.0.
            out.add(broadcastOf(v4, a));
          }
        }
      }
    } catch (SocketException e) {
      log.debug("discovery: cannot list interfaces: {}", e.toString());
    }
    return out;
  }

  /** The directed broadcast address of the address's subnet. */
  private static InetAddress broadcastOf(Inet4Address address, InterfaceAddress a) {
    byte[] b = address.getAddress();
    int host = 32 - a.getNetworkPrefixLength();
    int v = ((b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff));
    v |= host >= 32 ? -1 : (1 << host) - 1;
    try {
      return InetAddress.getByAddress(
          new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private void receiveLoop() {
    byte[] buf = new byte[64];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    while (running) {
      try {
        p.setLength(buf.length);
        socket.receive(p);
      } catch (IOException e) {
        return;
      }
      if (p.getLength() != BEACON_BYTES || !Arrays.equals(buf, 0, 4, MAGIC, 0, 4)) {
        continue;
      }
      PublicKey key = PublicKey.of(Arrays.copyOfRange(buf, 4, 36));
      int peerPort = ((buf[36] & 0xff) << 8) | (buf[37] & 0xff);
      if (!key.equals(self)) {
        InetSocketAddress endpoint = new InetSocketAddress(p.getAddress(), peerPort);
        boolean known = onSeen.test(key, endpoint);
        log.debug("discovery: {} at {} ({})", key, endpoint, known ? "a peer" : "ignored");
      }
    }
  }

  @Override
  public void close() {
    running = false;
    socket.close();
    threads.forEach(Thread::interrupt);
  }
}
