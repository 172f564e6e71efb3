package wolf.net.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class ChaChaPolyTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] KEY =
      HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
  private static final byte[] NONCE = HEX.parseHex("070000004041424344454647");
  private static final byte[] AAD = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
  private static final byte[] PLAIN =
      ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the"
              + " future, sunscreen would be it.")
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEALED =
      HEX.parseHex(
          "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
              + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
              + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
              + "3ff4def08e4b7a9de576d26586cec64b6116"
              + "1ae10b594f09e26a7e902ecbd0600691");

  @Test
  void rfc8439Section282SealAndOpen() {
    ChaChaPoly aead = new ChaChaPoly();
    SecretKey key = ChaChaPoly.key(KEY);
    byte[] out = new byte[PLAIN.length + 16];
    assertEquals(out.length, aead.seal(key, NONCE, AAD, PLAIN, 0, PLAIN.length, out, 0));
    assertArrayEquals(SEALED, out);
    byte[] back = new byte[PLAIN.length];
    assertEquals(PLAIN.length, aead.open(key, NONCE, AAD, SEALED, 0, SEALED.length, back, 0));
    assertArrayEquals(PLAIN, back);
  }

  @Test
  void anyAlteredByteFailsToOpen() {
    ChaChaPoly aead = new ChaChaPoly();
    SecretKey key = ChaChaPoly.key(KEY);
    byte[] out = new byte[PLAIN.length];
    for (int i = 0; i < SEALED.length; i += 7) {
      byte[] bad = SEALED.clone();
      bad[i] ^= 1;
      assertEquals(-1, aead.open(key, NONCE, AAD, bad, 0, bad.length, out, 0), "byte " + i);
    }
    byte[] otherAad = AAD.clone();
    otherAad[0] ^= 1;
    assertEquals(-1, aead.open(key, NONCE, otherAad, SEALED, 0, SEALED.length, out, 0));
  }

  @Test
  void counterNonceIsFourZeroBytesAndLittleEndianCounter() {
    ChaChaPoly aead = new ChaChaPoly();
    SecretKey key = ChaChaPoly.key(KEY);
    long counter = 0x0102030405060708L;
    byte[] byCounter = new byte[PLAIN.length + 16];
    aead.seal(key, counter, null, PLAIN, 0, PLAIN.length, 0, byCounter, 0);
    byte[] nonce = HEX.parseHex("000000000807060504030201");
    byte[] byNonce = new byte[PLAIN.length + 16];
    new ChaChaPoly().seal(key, nonce, null, PLAIN, 0, PLAIN.length, byNonce, 0);
    assertArrayEquals(byNonce, byCounter);
  }

  @Test
  void paddingEqualsSealingTrailingZeros() {
    ChaChaPoly aead = new ChaChaPoly();
    SecretKey key = ChaChaPoly.key(KEY);
    byte[] padded = new byte[PLAIN.length + 16 + 16];
    int n = aead.seal(key, 1, null, PLAIN, 0, PLAIN.length, 12, padded, 0);
    assertEquals(PLAIN.length + 12 + 16, n);
    byte[] zeros = Arrays.copyOf(PLAIN, PLAIN.length + 12);
    byte[] expected = new byte[zeros.length + 16];
    new ChaChaPoly().seal(key, 1, null, zeros, 0, zeros.length, 0, expected, 0);
    assertArrayEquals(expected, Arrays.copyOf(padded, n));
  }

  @Test
  void handshakeConvenienceRoundTripsAndRefusesWrongAad() {
    ChaChaPoly aead = new ChaChaPoly();
    byte[] sealed = aead.seal(KEY, 0, PLAIN, AAD);
    assertArrayEquals(PLAIN, aead.open(KEY, 0, sealed, AAD));
    assertNull(aead.open(KEY, 0, sealed, new byte[1]));
    assertNull(aead.open(KEY, 0, new byte[3], AAD));
  }
}
