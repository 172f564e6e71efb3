package wolf.net.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KdfTest {
  private static final HexFormat HEX = HexFormat.of();
  private final Kdf kdf = new Kdf();

  @Test
  void rfc5869CaseOne() {
    byte[] okm =
        kdf.hkdf(
            HEX.parseHex("000102030405060708090a0b0c"),
            HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
            HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"),
            42);
    assertArrayEquals(
        HEX.parseHex(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
        okm);
  }

  @Test
  void rfc5869CaseThreeEmptySaltAndInfo() {
    byte[] okm =
        kdf.hkdf(
            new byte[0],
            HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
            new byte[0],
            42);
    assertArrayEquals(
        HEX.parseHex(
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"),
        okm);
  }

  @Test
  void rfc4231HmacCaseTwoAndTruncation() {
    byte[] key = "Jefe".getBytes(StandardCharsets.US_ASCII);
    byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    byte[] full = HEX.parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertArrayEquals(full, kdf.hmac(key, data));
    assertArrayEquals(Arrays.copyOf(full, 16), kdf.mac16(key, data, 0, data.length));
  }

  @Test
  void noiseKdfIsHkdfWithChainingKeyAsSaltAndEmptyInfo() {
    byte[] ck = kdf.hash("chain".getBytes(StandardCharsets.US_ASCII));
    byte[] input = "input".getBytes(StandardCharsets.US_ASCII);
    byte[] okm = kdf.hkdf(ck, input, new byte[0], 96);
    byte[][] three = kdf.kdf(ck, input, 3);
    assertArrayEquals(Arrays.copyOfRange(okm, 0, 32), three[0]);
    assertArrayEquals(Arrays.copyOfRange(okm, 32, 64), three[1]);
    assertArrayEquals(Arrays.copyOfRange(okm, 64, 96), three[2]);
    // Noise's definition, spelled out: temp = HMAC(ck, input); out1 = HMAC(temp, 0x01); ...
    byte[] temp = kdf.hmac(ck, input);
    byte[] out1 = kdf.hmac(temp, new byte[] {1});
    assertArrayEquals(out1, three[0]);
    assertArrayEquals(kdf.hmac(temp, out1, new byte[] {2}), three[1]);
  }

  @Test
  void sha256OfAbc() {
    assertArrayEquals(
        HEX.parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        kdf.hash(
            "a".getBytes(StandardCharsets.US_ASCII), "bc".getBytes(StandardCharsets.US_ASCII)));
  }
}
