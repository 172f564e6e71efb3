package wolf.net.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import wolf.net.keys.InvalidTokenException.Reason;

class JoinTokenTest {
  private static final long NOW = 1_750_000_000L;
  private final KeyPair inviter = KeyPair.generate();

  private JoinToken issue(String offered) throws Exception {
    return JoinToken.issue(
        inviter,
        InetAddress.getByName("10.0.10.1"),
        InetAddress.getByName(offered),
        24,
        List.of("192.0.2.10:9600", "vpn.example.org:9600"),
        NOW + 3600,
        new SecureRandom());
  }

  @Test
  void roundTripsThroughTextAndVerifies() throws Exception {
    JoinToken token = issue("10.0.10.7");
    String text = token.encode();
    assertTrue(text.matches("[A-Za-z0-9_-]+"), "base64url without padding: " + text);
    assertTrue(text.length() < 200, "compact: " + text.length());
    JoinToken back = JoinToken.decode(text);
    assertEquals(inviter.publicKey(), back.inviter());
    assertEquals("10.0.10.1", back.inviterAddress().getHostAddress());
    assertEquals("10.0.10.7", back.offeredAddress().getHostAddress());
    assertEquals(24, back.prefixLength());
    assertEquals(List.of("192.0.2.10:9600", "vpn.example.org:9600"), back.endpoints());
    assertEquals(NOW + 3600, back.expiresAt());
    assertEquals(token.id(), back.id());
    back.verify(inviter, NOW);
  }

  @Test
  void ipv6OfferRoundTrips() throws Exception {
    JoinToken back = JoinToken.decode(issue("fd00::7").encode());
    assertEquals(InetAddress.getByName("fd00::7"), back.offeredAddress());
    back.verify(inviter, NOW);
  }

  @Test
  void everySingleBitFlipIsRefused() throws Exception {
    byte[] raw = issue("10.0.10.7").toBytes();
    for (int i = 0; i < raw.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] bad = raw.clone();
        bad[i] ^= (byte) (1 << bit);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bad);
        try {
          JoinToken.decode(text).verify(inviter, NOW);
          fail("tampered byte " + i + " bit " + bit + " was accepted");
        } catch (InvalidTokenException e) {
          assertNotEquals(Reason.EXPIRED, e.reason(), "byte " + i + ": " + e.getMessage());
        }
      }
    }
  }

  @Test
  void tamperedFieldSaysTampered() throws Exception {
    byte[] raw = issue("10.0.10.7").toBytes();
    raw[1 + 32 + 1 + 4 + 1 + 3] ^= 1; // last octet of the offered address
    InvalidTokenException e =
        assertThrows(InvalidTokenException.class, () -> JoinToken.decode(raw).verify(inviter, NOW));
    assertEquals(Reason.TAMPERED, e.reason());
    assertTrue(e.getMessage().contains("authentication tag"), e.getMessage());
  }

  @Test
  void expiredTokenIsRefused() throws Exception {
    JoinToken token = issue("10.0.10.7");
    InvalidTokenException e =
        assertThrows(InvalidTokenException.class, () -> token.verify(inviter, NOW + 3600));
    assertEquals(Reason.EXPIRED, e.reason());
    assertThrows(InvalidTokenException.class, () -> token.checkNotExpired(NOW + 7200));
  }

  @Test
  void anotherNodeCannotVerifyIt() throws Exception {
    JoinToken token = issue("10.0.10.7");
    InvalidTokenException e =
        assertThrows(InvalidTokenException.class, () -> token.verify(KeyPair.generate(), NOW));
    assertEquals(Reason.WRONG_INVITER, e.reason());
  }

  @Test
  void structuralProblemsAreNamed() throws Exception {
    byte[] raw = issue("10.0.10.7").toBytes();
    raw[0] = 2;
    assertEquals(
        Reason.UNSUPPORTED_VERSION,
        assertThrows(InvalidTokenException.class, () -> JoinToken.decode(raw)).reason());
    assertEquals(
        Reason.MALFORMED,
        assertThrows(InvalidTokenException.class, () -> JoinToken.decode("not a token!")).reason());
    byte[] shortOne = java.util.Arrays.copyOf(issue("10.0.10.7").toBytes(), 40);
    assertEquals(
        Reason.MALFORMED,
        assertThrows(InvalidTokenException.class, () -> JoinToken.decode(shortOne)).reason());
    assertEquals(
        Reason.MALFORMED,
        assertThrows(InvalidTokenException.class, () -> JoinToken.decode(new byte[0])).reason());
  }

  @Test
  void issueRefusesOutOfRangeFields() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            JoinToken.issue(
                inviter,
                InetAddress.getByName("10.0.10.1"),
                InetAddress.getByName("10.0.10.7"),
                33,
                List.of("a:1"),
                NOW,
                new SecureRandom()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            JoinToken.issue(
                inviter,
                InetAddress.getByName("10.0.10.1"),
                InetAddress.getByName("10.0.10.7"),
                24,
                List.of(),
                NOW,
                new SecureRandom()));
  }
}
