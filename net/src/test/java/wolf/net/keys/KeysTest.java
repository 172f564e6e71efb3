package wolf.net.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeysTest {
  @Test
  void base64FormIsWireGuardsAndRoundTrips() {
    KeyPair pair = KeyPair.generate();
    String priv = pair.privateKey().base64();
    String pub = pair.publicKey().base64();
    assertEquals(44, priv.length());
    assertEquals(44, pub.length());
    assertTrue(pub.endsWith("="));
    assertEquals(pair.publicKey(), PublicKey.parse(pub));
    assertEquals(pair.publicKey(), PrivateKey.parse(priv).publicKey());
    assertEquals(pair.publicKey(), PublicKey.parse("  " + pub + "\n"));
  }

  @Test
  void publicKeyDerivationMatchesRfc7748Alice() {
    byte[] alice =
        HexFormat.of().parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    PrivateKey key = PrivateKey.parse(Base64.getEncoder().encodeToString(alice));
    assertEquals(
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
        HexFormat.of().formatHex(key.publicKey().bytes()));
  }

  @Test
  void badKeysAreRefusedWithASentence() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PublicKey.parse("abc!"));
    assertTrue(e.getMessage().contains("not base64"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PublicKey.parse("AAAA"));
    assertTrue(e.getMessage().contains("expected 44 base64 characters"), e.getMessage());
    String secretLooking = Base64.getEncoder().encodeToString(new byte[31]);
    e = assertThrows(IllegalArgumentException.class, () -> PrivateKey.parse(secretLooking));
    assertFalse(e.getMessage().contains(secretLooking), "private key text must not be echoed");
  }

  @Test
  void privateKeyNeverPrints() {
    PrivateKey k = PrivateKey.generate();
    assertFalse(k.toString().contains(k.base64()));
    assertEquals("PrivateKey(redacted)", k.toString());
  }

  @Test
  void keyPairRefusesMismatchedHalves() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new KeyPair(PrivateKey.generate(), PrivateKey.generate().publicKey()));
  }

  @Test
  void publicKeysAreValues() {
    PublicKey a = KeyPair.generate().publicKey();
    PublicKey b = PublicKey.of(a.bytes());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, KeyPair.generate().publicKey());
    assertTrue(a.matches(a.bytes(), 0));
  }
}
