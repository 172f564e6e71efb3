package wolf.actors.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP broadcast beacons. The socket binds the wildcard address on the discovery port with
 * SO_REUSEADDR and SO_BROADCAST, so several nodes on one host share the port and each receives
 * every broadcast (checked on Linux loopback: a datagram to {@code 127.255.255.255} reaches every
 * socket bound to that port, while a unicast to {@code 127.0.0.1} reaches only one of them).
 *
 * <p>Threads: one daemon thread blocks in {@code receive}, one single-thread executor sends. Both
 * end on {@link #close()}. Thread-safe.
 */
public final class UdpBeaconChannel implements BeaconChannel {

  private static final Logger log = LoggerFactory.getLogger(UdpBeaconChannel.class);

  private final String owner;
  private final DatagramSocket socket;
  private final InetSocketAddress target;
  private final ExecutorService sender;
  private volatile boolean closed;

  private UdpBeaconChannel(String owner, DatagramSocket socket, InetSocketAddress target) {
    this.owner = owner;
    this.socket = socket;
    this.target = target;
    this.sender = Executors.newSingleThreadExecutor(r -> daemon(r, "wolf-discovery-send-" + owner));
  }

  /**
   * Binds the discovery port and resolves the broadcast address. Blocking: call it off actor
   * threads.
   *
   * @param owner the node id, for thread names and logs
   */
  public static UdpBeaconChannel open(String owner, String broadcastHost, int port)
      throws IOException {
    InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(broadcastHost), port);
    DatagramSocket socket = new DatagramSocket(null);
    try {
      socket.setReuseAddress(true);
      socket.setBroadcast(true);
      socket.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      socket.close();
      throw new IOException("cannot bind discovery port " + port + ": " + e.getMessage(), e);
    }
    return new UdpBeaconChannel(owner, socket, target);
  }

  @Override
  public void start(Consumer<byte[]> receiver) {
    daemon(() -> receiveLoop(receiver), "wolf-discovery-recv-" + owner).start();
  }

  private void receiveLoop(Consumer<byte[]> receiver) {
    byte[] buffer = new byte[Beacon.MAX_BYTES + 1];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (!closed) {
      try {
        packet.setLength(buffer.length);
        socket.receive(packet);
        receiver.accept(Arrays.copyOf(packet.getData(), packet.getLength()));
      } catch (IOException e) {
        if (!closed) {
          log.warn("{}: discovery receive failed: {}", owner, e.toString());
          pause();
        }
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100); // keeps a persistent socket error from spinning
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public CompletionStage<Void> send(byte[] datagram) {
    if (closed) {
      return CompletableFuture.failedFuture(new IOException("discovery channel closed"));
    }
    return CompletableFuture.runAsync(
        () -> {
          try {
            socket.send(new DatagramPacket(datagram, datagram.length, target));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        sender);
  }

  @Override
  public void close() {
    closed = true;
    socket.close();
    sender.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
