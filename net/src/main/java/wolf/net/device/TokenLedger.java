package wolf.net.device;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import wolf.net.keys.PublicKey;

/**
 * The join tokens a node issued and the peers they admitted, one line each in {@code
 * STATE_DIR/tokens}:
 *
 * <pre>
 * issued   TOKEN_ID OFFERED_ADDRESS EXPIRES_UNIX_SECONDS
 * admitted TOKEN_ID PUBLIC_KEY ADDRESS
 * </pre>
 *
 * The daemon appends {@code admitted} lines (a token admits one key, once) and re-adds those peers
 * when it starts; {@code wolfnet token} appends {@code issued} lines so that two tokens never offer
 * the same address. Lines are appended whole with {@code O_APPEND} and forced to disk, so the two
 * writers do not tear each other's lines. A {@code null} file keeps everything in memory (tests).
 * Thread-safe.
 */
public final class TokenLedger {
  /** One admitted peer. */
  public record Admitted(String tokenId, PublicKey key, InetAddress address) {}

  private final Path file;
  private final Set<String> used = new HashSet<>();
  private final Set<InetAddress> offered = new HashSet<>();
  private final List<Admitted> admitted = new ArrayList<>();

  private TokenLedger(Path file) {
    this.file = file;
  }

  /** Reads {@code file} if it exists; a malformed line is an error naming the file and line. */
  public static TokenLedger open(Path file) throws IOException {
    TokenLedger ledger = new TokenLedger(file);
    if (file != null && Files.exists(file)) {
      int lineNo = 0;
      for (String line : Files.readAllLines(file)) {
        lineNo++;
        String[] f = line.strip().split("\\s+");
        try {
          if (f.length == 4 && f[0].equals("issued")) {
            ledger.offered.add(InetAddress.getByName(f[2]));
          } else if (f.length == 4 && f[0].equals("admitted")) {
            ledger.addAdmitted(f[1], PublicKey.parse(f[2]), InetAddress.getByName(f[3]));
          } else if (!line.isBlank()) {
            throw new IllegalArgumentException("unknown record");
          }
        } catch (IllegalArgumentException | IOException e) {
          throw new IOException(file + ": line " + lineNo + ": " + e.getMessage(), e);
        }
      }
    }
    return ledger;
  }

  /** A ledger that is never written to disk. */
  public static TokenLedger inMemory() {
    return new TokenLedger(null);
  }

  private void addAdmitted(String id, PublicKey key, InetAddress address) {
    used.add(id);
    offered.add(address);
    admitted.add(new Admitted(id, key, address));
  }

  public synchronized boolean isUsed(String tokenId) {
    return used.contains(tokenId);
  }

  /** Addresses offered by any token issued or used so far. */
  public synchronized Set<InetAddress> offeredAddresses() {
    return Set.copyOf(offered);
  }

  public synchronized List<Admitted> admitted() {
    return List.copyOf(admitted);
  }

  /** Records an issued token. */
  public synchronized void issued(String tokenId, InetAddress address, long expiresAt)
      throws IOException {
    append("issued " + tokenId + " " + address.getHostAddress() + " " + expiresAt);
    offered.add(address);
  }

  /** Records that {@code tokenId} admitted {@code key}; the token is then spent. */
  public synchronized void admit(String tokenId, PublicKey key, InetAddress address)
      throws IOException {
    append("admitted " + tokenId + " " + key.base64() + " " + address.getHostAddress());
    addAdmitted(tokenId, key, address);
  }

  private void append(String line) throws IOException {
    if (file == null) {
      return;
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(
        file,
        (line + "\n").getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.WRITE,
        StandardOpenOption.SYNC);
  }
}
