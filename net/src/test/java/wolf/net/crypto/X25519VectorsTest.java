package wolf.net.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.InvalidKeyException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 7748 test vectors through {@link Dh}. */
class X25519VectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] hex(String s) {
    return HEX.parseHex(s);
  }

  @Test
  void section52FunctionVectors() throws Exception {
    assertArrayEquals(
        hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"),
        Dh.agree(
            hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
            hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")));
    // The u-coordinate has its top bit set: it must be masked, as the RFC says.
    assertArrayEquals(
        hex("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"),
        Dh.agree(
            hex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
            hex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493")));
  }

  @Test
  void section52IteratedOnceAndThousandTimes() throws Exception {
    byte[] k = new byte[32];
    k[0] = 9;
    byte[] u = k.clone();
    for (int i = 1; i <= 1000; i++) {
      byte[] next = Dh.agree(k, u);
      u = k;
      k = next;
      if (i == 1) {
        assertArrayEquals(
            hex("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079"), k);
      }
    }
    assertArrayEquals(hex("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51"), k);
  }

  @Test
  void section61DiffieHellman() throws Exception {
    byte[] alice = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] bob = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    byte[] alicePub = Dh.publicFromPrivate(alice);
    byte[] bobPub = Dh.publicFromPrivate(bob);
    assertArrayEquals(
        hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"), alicePub);
    assertArrayEquals(
        hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"), bobPub);
    byte[] shared = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    assertArrayEquals(shared, Dh.agree(alice, bobPub));
    assertArrayEquals(shared, Dh.agree(bob, alicePub));
  }

  @Test
  void lowOrderPublicKeyIsRefused() {
    assertThrows(InvalidKeyException.class, () -> Dh.agree(Dh.generatePrivate(), new byte[32]));
    byte[] one = new byte[32];
    one[0] = 1;
    assertThrows(InvalidKeyException.class, () -> Dh.agree(Dh.generatePrivate(), one));
  }

  @Test
  void generatedKeysAreClamped() {
    byte[] k = Dh.generatePrivate();
    assertArrayEquals(new byte[] {0, 64}, new byte[] {(byte) (k[0] & 7), (byte) (k[31] & 0xc0)});
  }
}
