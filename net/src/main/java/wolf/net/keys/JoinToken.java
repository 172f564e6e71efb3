package wolf.net.keys;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import wolf.net.crypto.Kdf;
import wolf.net.keys.InvalidTokenException.Reason;

/**
 * An invitation to join a WolfNet mesh, written as unpadded base64url of:
 *
 * <pre>
 * u8  version (1)
 * 32  inviter's static public key
 * u8  family (4|6), 4|16 bytes   inviter's overlay address
 * u8  family (4|6), 4|16 bytes   overlay address offered to the joiner
 * u8  prefix length of the overlay network
 * u64 expiry, Unix seconds, big-endian
 * 16  random token id (lets the inviter make a token single-use)
 * u8  endpoint count (1..4), then per endpoint: u8 length (1..100), UTF-8 "host:port"
 * 16  tag = HMAC-SHA256(K, all preceding bytes)[0..16)
 * </pre>
 *
 * K = HKDF-SHA256(salt = SHA-256("WolfNet v1 join token"), IKM = inviter's static private key, info
 * = "", 32). Only the inviter can compute K, so only the inviter can verify the tag ({@link
 * #verify}); a joiner checks structure, version and expiry ({@link #decode}) and then presents the
 * token inside its handshake, where the inviter verifies it. The token is a bearer secret until it
 * expires. Immutable and thread-safe.
 */
public final class JoinToken {
  public static final int VERSION = 1;
  public static final int ID_BYTES = 16;
  public static final int TAG_BYTES = 16;
  public static final int MAX_ENDPOINTS = 4;
  public static final int MAX_ENDPOINT_CHARS = 100;

  /** No valid token is longer than this many bytes (before base64). */
  public static final int MAX_BYTES =
      1
          + 32
          + 17
          + 17
          + 1
          + 8
          + ID_BYTES
          + 1
          + MAX_ENDPOINTS * (1 + MAX_ENDPOINT_CHARS)
          + TAG_BYTES;

  private static final byte[] SALT_LABEL =
      "WolfNet v1 join token".getBytes(StandardCharsets.US_ASCII);

  private final PublicKey inviter;
  private final InetAddress inviterAddress;
  private final InetAddress offeredAddress;
  private final int prefixLength;
  private final long expiresAt;
  private final byte[] id;
  private final List<String> endpoints;
  private final byte[] encoded;

  private JoinToken(
      PublicKey inviter,
      InetAddress inviterAddress,
      InetAddress offeredAddress,
      int prefixLength,
      long expiresAt,
      byte[] id,
      List<String> endpoints,
      byte[] encoded) {
    this.inviter = inviter;
    this.inviterAddress = inviterAddress;
    this.offeredAddress = offeredAddress;
    this.prefixLength = prefixLength;
    this.expiresAt = expiresAt;
    this.id = id;
    this.endpoints = List.copyOf(endpoints);
    this.encoded = encoded;
  }

  /**
   * Issues a token signed with the inviter's key.
   *
   * @param expiresAt Unix seconds after which the token is refused
   * @throws IllegalArgumentException if a field is out of range (message says which)
   */
  public static JoinToken issue(
      KeyPair inviter,
      InetAddress inviterAddress,
      InetAddress offeredAddress,
      int prefixLength,
      List<String> endpoints,
      long expiresAt,
      SecureRandom random) {
    int bits = offeredAddress.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length must be 0.." + bits + ": " + prefixLength);
    }
    if (endpoints.isEmpty() || endpoints.size() > MAX_ENDPOINTS) {
      throw new IllegalArgumentException("a token carries 1.." + MAX_ENDPOINTS + " endpoints");
    }
    ByteBuffer b = ByteBuffer.allocate(MAX_BYTES);
    b.put((byte) VERSION).put(inviter.publicKey().bytes());
    putAddress(b, inviterAddress);
    putAddress(b, offeredAddress);
    b.put((byte) prefixLength).putLong(expiresAt);
    byte[] id = new byte[ID_BYTES];
    random.nextBytes(id);
    b.put(id).put((byte) endpoints.size());
    for (String e : endpoints) {
      byte[] s = e.getBytes(StandardCharsets.UTF_8);
      if (s.length == 0 || s.length > MAX_ENDPOINT_CHARS) {
        throw new IllegalArgumentException("endpoint must be 1.." + MAX_ENDPOINT_CHARS + " bytes");
      }
      b.put((byte) s.length).put(s);
    }
    byte[] body = Arrays.copyOf(b.array(), b.position());
    byte[] tag = tag(inviter.privateKey(), body);
    byte[] all = Arrays.copyOf(body, body.length + TAG_BYTES);
    System.arraycopy(tag, 0, all, body.length, TAG_BYTES);
    return new JoinToken(
        inviter.publicKey(),
        inviterAddress,
        offeredAddress,
        prefixLength,
        expiresAt,
        id,
        endpoints,
        all);
  }

  /** Parses the text form; checks structure and version but not the tag (see {@link #verify}). */
  public static JoinToken decode(String text) throws InvalidTokenException {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException(Reason.MALFORMED, "not base64url text");
    }
    return decode(raw);
  }

  /** Parses the binary form; checks structure and version but not the tag. */
  public static JoinToken decode(byte[] raw) throws InvalidTokenException {
    if (raw.length < 1 || raw.length > MAX_BYTES) {
      throw new InvalidTokenException(Reason.MALFORMED, "length " + raw.length + " out of range");
    }
    if (raw[0] != VERSION) {
      throw new InvalidTokenException(
          Reason.UNSUPPORTED_VERSION,
          "version " + (raw[0] & 0xff) + " (this WolfNet reads version " + VERSION + ")");
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(raw, 0, raw.length - TAG_BYTES);
      b.get();
      byte[] key = new byte[32];
      b.get(key);
      InetAddress inviterAddress = getAddress(b);
      InetAddress offered = getAddress(b);
      int prefix = b.get() & 0xff;
      if (prefix > offered.getAddress().length * 8) {
        throw new InvalidTokenException(Reason.MALFORMED, "prefix length " + prefix);
      }
      long expiresAt = b.getLong();
      byte[] id = new byte[ID_BYTES];
      b.get(id);
      int count = b.get() & 0xff;
      if (count < 1 || count > MAX_ENDPOINTS) {
        throw new InvalidTokenException(Reason.MALFORMED, "endpoint count " + count);
      }
      List<String> endpoints = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = b.get() & 0xff;
        if (n < 1 || n > MAX_ENDPOINT_CHARS) {
          throw new InvalidTokenException(Reason.MALFORMED, "endpoint length " + n);
        }
        byte[] s = new byte[n];
        b.get(s);
        endpoints.add(new String(s, StandardCharsets.UTF_8));
      }
      if (b.hasRemaining()) {
        throw new InvalidTokenException(Reason.MALFORMED, "trailing bytes");
      }
      return new JoinToken(
          PublicKey.of(key),
          inviterAddress,
          offered,
          prefix,
          expiresAt,
          id,
          endpoints,
          raw.clone());
    } catch (RuntimeException e) {
      throw new InvalidTokenException(Reason.MALFORMED, "truncated or corrupt");
    }
  }

  /**
   * The inviter's check: the token names this inviter, its tag matches, and it has not expired.
   *
   * @param nowEpochSeconds the current Unix time
   */
  public void verify(KeyPair self, long nowEpochSeconds) throws InvalidTokenException {
    if (!inviter.equals(self.publicKey())) {
      throw new InvalidTokenException(
          Reason.WRONG_INVITER, "issued by " + inviter + ", not by this node");
    }
    byte[] expected = tag(self.privateKey(), Arrays.copyOf(encoded, encoded.length - TAG_BYTES));
    byte[] actual = Arrays.copyOfRange(encoded, encoded.length - TAG_BYTES, encoded.length);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new InvalidTokenException(Reason.TAMPERED, "authentication tag does not match");
    }
    checkNotExpired(nowEpochSeconds);
  }

  /** The joiner's check before using a token. */
  public void checkNotExpired(long nowEpochSeconds) throws InvalidTokenException {
    if (nowEpochSeconds >= expiresAt) {
      throw new InvalidTokenException(
          Reason.EXPIRED, "expired at " + Instant.ofEpochSecond(expiresAt));
    }
  }

  private static byte[] tag(PrivateKey key, byte[] body) {
    Kdf kdf = new Kdf();
    byte[] k = kdf.hkdf(kdf.hash(SALT_LABEL), key.bytes(), new byte[0], 32);
    return kdf.mac16(k, body, 0, body.length);
  }

  private static void putAddress(ByteBuffer b, InetAddress a) {
    byte[] raw = a.getAddress();
    b.put((byte) (raw.length == 4 ? 4 : 6)).put(raw);
  }

  private static InetAddress getAddress(ByteBuffer b) throws InvalidTokenException {
    int family = b.get();
    if (family != 4 && family != 6) {
      throw new InvalidTokenException(Reason.MALFORMED, "address family " + family);
    }
    byte[] raw = new byte[family == 4 ? 4 : 16];
    b.get(raw);
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text form: unpadded base64url. */
  public String encode() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(encoded);
  }

  /** The binary form (carried inside a handshake initiation). */
  public byte[] toBytes() {
    return encoded.clone();
  }

  public PublicKey inviter() {
    return inviter;
  }

  public InetAddress inviterAddress() {
    return inviterAddress;
  }

  public InetAddress offeredAddress() {
    return offeredAddress;
  }

  public int prefixLength() {
    return prefixLength;
  }

  /** Unix seconds. */
  public long expiresAt() {
    return expiresAt;
  }

  /** The random id, hex, for single-use bookkeeping and logs (not secret on its own). */
  public String id() {
    return HexFormat.of().formatHex(id);
  }

  /** "host:port" strings, as the inviter wrote them. */
  public List<String> endpoints() {
    return endpoints;
  }

  @Override
  public String toString() {
    return "JoinToken[inviter="
        + inviter
        + ", offered="
        + offeredAddress.getHostAddress()
        + "/"
        + prefixLength
        + ", endpoints="
        + endpoints
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
