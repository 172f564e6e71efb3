package wolf.net.keys;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A private key file that others could read. Not retryable: the operator must fix the mode; the
 * message names the file and the command that fixes it.
 */
public final class InsecureKeyFileException extends IOException {
  private final transient Path file;

  public InsecureKeyFileException(Path file, String mode) {
    super(
        "private key file "
            + file
            + " is accessible by group or others (mode "
            + mode
            + "); refusing to use it. Fix: chmod 600 "
            + file);
    this.file = file;
  }

  /** The offending file. */
  public Path file() {
    return file;
  }
}
