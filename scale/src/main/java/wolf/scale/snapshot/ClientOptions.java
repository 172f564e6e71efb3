package wolf.scale.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import wolf.config.DatabaseSettings;

/**
 * A private option file ({@code --defaults-file}, mode 0600) that gives the MariaDB command-line
 * tools the node's connection and credentials, so the password never appears in a process list.
 * Delete it with {@link #close}.
 */
final class ClientOptions implements AutoCloseable {
  private final Path file;

  ClientOptions(DatabaseSettings db) throws IOException {
    file =
        Files.createTempFile(
            "wolfscale-client-",
            ".cnf",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    String text =
        "[client]\n"
            + "host="
            + db.host()
            + "\nport="
            + db.port()
            + "\nuser="
            + quote(db.user())
            + "\npassword="
            + quote(db.password())
            + "\ndefault-character-set=utf8mb4\n";
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** The first argument every tool must get. */
  String argument() {
    return "--defaults-file=" + file;
  }

  private static String quote(String v) {
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temp file left behind; it holds the password, but is mode 0600
    }
  }
}
