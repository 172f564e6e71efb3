package wolf.net.transport;

import java.util.concurrent.TimeUnit;
import wolf.net.keys.KeyPair;

/**
 * Single-thread throughput of the data path: 1400-byte inner IPv4 packets through {@link
 * TransportCodec#seal} and {@link TransportCodec#open} (replay window and allowed-IPs check
 * included). Not a test; run it on each JDK:
 *
 * <pre>
 * java -cp net/target/test-classes:net/target/classes:$(deps) wolf.net.transport.TransportThroughput
 * </pre>
 */
public final class TransportThroughput {
  private TransportThroughput() {}

  public static void main(String[] args) {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 1400;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
    NetClock clock = NetClock.SYSTEM;
    SessionTable tableA = new SessionTable();
    SessionTable tableB = new SessionTable();
    AllowedIps<TransportPeer> routesA = new AllowedIps<>();
    AllowedIps<TransportPeer> routesB = new AllowedIps<>();
    TransportPeer peerB = new TransportPeer(KeyPair.generate().publicKey(), tableA, null);
    TransportPeer peerA = new TransportPeer(KeyPair.generate().publicKey(), tableB, null);
    routesA.insert(Cidr.parse("10.0.0.2/32"), peerB);
    routesB.insert(Cidr.parse("10.0.0.1/32"), peerA);
    byte[] k1 = new byte[32];
    byte[] k2 = new byte[32];
    new java.security.SecureRandom().nextBytes(k1);
    new java.security.SecureRandom().nextBytes(k2);
    int ia = tableA.reserve();
    int ib = tableB.reserve();
    Session sa = new Session(peerB, ia, ib, k1, k2, true, clock.nanoTime());
    Session sb = new Session(peerA, ib, ia, k2, k1, false, clock.nanoTime());
    tableA.install(sa);
    peerB.install(sa);
    tableB.install(sb);
    peerA.install(sb);
    TransportCodec sender = new TransportCodec(tableA, routesA, clock, new NetCounters());
    NetCounters receiverCounters = new NetCounters();
    TransportCodec receiver = new TransportCodec(tableB, routesB, clock, receiverCounters);
    byte[] packet = Packets.ipv4("10.0.0.1", "10.0.0.2", size - 20);
    byte[] wire = new byte[TransportCodec.sealedLength(size)];
    byte[] inner = new byte[wire.length];

    double raw = rawCipherSeal(size, 1.0); // warm-up
    raw = rawCipherSeal(size, seconds);
    run(sender, receiver, peerB, packet, wire, inner, 2.0); // warm-up
    long[] r = run(sender, receiver, peerB, packet, wire, inner, seconds);
    double mb = (double) r[0] * size / 1e6;
    double sealS = r[1] / 1e9;
    double openS = r[2] / 1e9;
    System.out.printf(
        "java %s, %d-byte packets, %d packets: seal+open %.0f MB/s (seal %.0f MB/s, open %.0f MB/s),"
            + " drops %d; raw JDK Cipher seal alone %.0f MB/s%n",
        System.getProperty("java.version"),
        size,
        r[0],
        mb / (sealS + openS),
        mb / sealS,
        mb / openS,
        receiverCounters.droppedTotal(),
        raw);
  }

  /** The JDK cipher alone (init + doFinal per packet), the ceiling for {@code seal}. */
  private static double rawCipherSeal(int size, double seconds) {
    try {
      javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("ChaCha20-Poly1305");
      javax.crypto.SecretKey key = new javax.crypto.spec.SecretKeySpec(new byte[32], "ChaCha20");
      byte[] in = new byte[size];
      byte[] out = new byte[size + 16];
      byte[] nonce = new byte[12];
      long n = 0;
      long t0 = System.nanoTime();
      long end = t0 + (long) (seconds * 1e9);
      while (System.nanoTime() < end) {
        for (int i = 0; i < 256; i++) {
          n++;
          Bytes.putLongLe(nonce, 4, n);
          c.init(
              javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.IvParameterSpec(nonce));
          c.doFinal(in, 0, size, out, 0);
        }
      }
      return n * size / 1e6 / ((System.nanoTime() - t0) / 1e9);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Returns {packets, nanos sealing, nanos opening}; times batches of 256 to keep timer cost low.
   */
  private static long[] run(
      TransportCodec sender,
      TransportCodec receiver,
      TransportPeer to,
      byte[] packet,
      byte[] wire,
      byte[] inner,
      double seconds) {
    long end = System.nanoTime() + (long) (seconds * TimeUnit.SECONDS.toNanos(1));
    long packets = 0;
    long sealNanos = 0;
    long openNanos = 0;
    int batch = 256;
    byte[][] sealed = new byte[batch][wire.length];
    int[] lengths = new int[batch];
    while (System.nanoTime() < end) {
      long t0 = System.nanoTime();
      for (int i = 0; i < batch; i++) {
        lengths[i] = sender.seal(to, packet, 0, packet.length, sealed[i], 0);
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < batch; i++) {
        if (receiver.open(sealed[i], 0, lengths[i], null, inner, 0) != packet.length) {
          throw new IllegalStateException("packet did not open");
        }
      }
      long t2 = System.nanoTime();
      sealNanos += t1 - t0;
      openNanos += t2 - t1;
      packets += batch;
    }
    return new long[] {packets, sealNanos, openNanos};
  }
}
