package wolf.net.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import wolf.net.transport.FakeClock;
import wolf.net.transport.Packets;

/**
 * A seeded storm of truncated, extended, bit-flipped and random datagrams, built from real
 * messages: nothing may throw, the drops must be counted, and the node must still work afterwards.
 */
class GarbageTest {
  @Test
  void nodeSurvivesGarbageAndKeepsWorking() {
    long seed = Long.getLong("wolf.seed", 8_2026L);
    Random random = new Random(seed);
    FakeClock clock = new FakeClock();
    FakeNetwork net = new FakeNetwork();
    TestNode a = new TestNode("a", 1001, net, clock);
    TestNode b = new TestNode("b", 1002, net, clock);
    a.addPeer(b, "10.0.0.2/32");
    b.addPeer(a, "10.0.0.1/32");

    List<byte[]> samples = new ArrayList<>();
    a.initiate(b);
    FakeNetwork.Datagram init = net.take();
    samples.add(init.data());
    net.deliver(init);
    FakeNetwork.Datagram response = net.take();
    samples.add(response.data());
    net.deliver(response);
    for (int i = 0; i < 20; i++) {
      a.sendIp(Packets.ipv4("10.0.0.1", "10.0.0.2", random.nextInt(1400)));
      samples.add(net.take().data());
    }

    long droppedBefore = b.counters.droppedTotal();
    int storm = 3000;
    try {
      for (int i = 0; i < storm; i++) {
        byte[] m = mutate(samples.get(random.nextInt(samples.size())), random);
        b.receive(a.address, m);
        net.deliverAll();
      }
    } catch (RuntimeException e) {
      throw new AssertionError("seed " + seed + ": bad input escaped as " + e, e);
    }
    assertTrue(
        b.counters.droppedTotal() - droppedBefore > storm / 2,
        "seed " + seed + ": drops not counted: " + b.counters);

    clock.advance(Duration.ofSeconds(2));
    a.initiate(b);
    net.deliverAll();
    byte[] p = Packets.ipv4("10.0.0.1", "10.0.0.2", 100);
    a.sendIp(p);
    net.deliverAll();
    byte[] last = null;
    while (!b.tun.isEmpty()) {
      last = b.tun.poll();
    }
    assertArrayEquals(p, last, "seed " + seed + ": node stopped working after the storm");
  }

  private static byte[] mutate(byte[] m, Random r) {
    switch (r.nextInt(5)) {
      case 0:
        return Arrays.copyOf(m, r.nextInt(m.length));
      case 1:
        return Arrays.copyOf(m, m.length + 1 + r.nextInt(100));
      case 2:
        byte[] random = new byte[r.nextInt(200)];
        r.nextBytes(random);
        if (random.length > 3 && r.nextBoolean()) {
          random[0] = (byte) (1 + r.nextInt(4));
          random[1] = random[2] = random[3] = 0;
        }
        return random;
      default:
        byte[] c = m.clone();
        int flips = 1 + r.nextInt(3);
        for (int i = 0; i < flips; i++) {
          c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return c;
    }
  }
}
