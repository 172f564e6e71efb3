package wolf.net.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import org.junit.jupiter.api.Test;

/**
 * The counter-nonce seal and open (own RFC 8439 construction: JDK ChaCha20 + {@link Poly1305})
 * agree byte for byte with the JDK's ChaCha20-Poly1305 on seeded random keys, counters, associated
 * data, lengths and padding, and each opens what the other sealed.
 */
class ChaChaPolyCrossCheckTest {
  @Test
  void agreesWithTheJdkAead() throws Exception {
    long seed = 20261130L;
    Random random = new Random(seed);
    ChaChaPoly ours = new ChaChaPoly();
    Cipher jdk = Cipher.getInstance("ChaCha20-Poly1305");
    for (int round = 0; round < 3000; round++) {
      byte[] raw = new byte[32];
      random.nextBytes(raw);
      if (round % 100 == 0) {
        Arrays.fill(raw, (byte) 0xff); // extreme key: r and s near their largest
      }
      SecretKey key = ChaChaPoly.key(raw);
      long counter = random.nextLong() & Long.MAX_VALUE;
      byte[] aad = round % 3 == 0 ? null : new byte[random.nextInt(40)];
      if (aad != null) {
        random.nextBytes(aad);
      }
      int len = round < 64 ? round : random.nextInt(1600);
      int padding = random.nextInt(16);
      byte[] plain = new byte[len];
      random.nextBytes(plain);
      if (round % 7 == 0) {
        Arrays.fill(plain, (byte) 0xff);
      }
      byte[] sealed = new byte[len + padding + 16];
      assertEquals(sealed.length, ours.seal(key, counter, aad, plain, 0, len, padding, sealed, 0));

      byte[] nonce = new byte[12];
      for (int i = 0; i < 8; i++) {
        nonce[4 + i] = (byte) (counter >>> (8 * i));
      }
      jdk.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
      if (aad != null) {
        jdk.updateAAD(aad);
      }
      byte[] padded = Arrays.copyOf(plain, len + padding);
      byte[] expected = jdk.doFinal(padded);
      assertArrayEquals(expected, sealed, "seed " + seed + " round " + round);

      byte[] opened = new byte[len + padding];
      assertEquals(
          len + padding, ours.open(key, counter, aad, expected, 0, expected.length, opened, 0));
      assertArrayEquals(padded, opened, "seed " + seed + " round " + round);
      expected[random.nextInt(expected.length)] ^= (byte) (1 + random.nextInt(255));
      assertEquals(-1, ours.open(key, counter, aad, expected, 0, expected.length, opened, 0));
    }
  }
}
