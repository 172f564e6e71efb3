package wolf.net.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Key files: one base64 key and a newline, as {@code wg genkey > file} writes them.
 *
 * <p>A private key file is created with mode 0600 in the same call that creates it (never chmod-ed
 * afterwards, so it is never readable by others, not even for an instant), and is never
 * overwritten: replacing an identity is a deliberate act of deleting the old file first. Loading
 * refuses a private key file with any group or other permission bit. POSIX file systems only.
 * Stateless and thread-safe.
 */
public final class KeyFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private KeyFiles() {}

  /**
   * Creates {@code file} with mode 0600 and writes the key, then forces it to disk.
   *
   * @throws java.nio.file.FileAlreadyExistsException if the file exists
   */
  public static void writePrivate(Path file, PrivateKey key) throws IOException {
    byte[] text = (key.base64() + "\n").getBytes(StandardCharsets.US_ASCII);
    // CREATE_NEW: the open fails, creating nothing, if the file exists; from here on it is ours.
    FileChannel ch =
        FileChannel.open(
            file,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try (ch) {
      ByteBuffer buf = ByteBuffer.wrap(text);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /**
   * Loads a private key, refusing files others can access.
   *
   * @throws InsecureKeyFileException if group or others have any permission on the file
   * @throws IOException if the file cannot be read or does not hold a key (the message names it)
   */
  public static PrivateKey readPrivate(Path file) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (perms.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
      throw new InsecureKeyFileException(file, mode(perms));
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException("private key file " + file + " is not a regular file");
    }
    try {
      return PrivateKey.parse(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a public key (mode per umask; public keys are not secret). Replaces an existing file.
   */
  public static void writePublic(Path file, PublicKey key) throws IOException {
    Files.writeString(file, key.base64() + "\n", StandardCharsets.US_ASCII);
  }

  /** Loads a public key; the error message names the file. */
  public static PublicKey readPublic(Path file) throws IOException {
    try {
      return PublicKey.parse(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Octal mode such as {@code 0644}. */
  static String mode(Set<PosixFilePermission> perms) {
    int m = 0;
    for (PosixFilePermission p : perms) {
      m |= 1 << (8 - p.ordinal());
    }
    return String.format("0%03o", m);
  }
}
