package wolf.net.tun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs system commands ({@code ip}, {@code nft}, {@code sysctl}) and turns failure into an {@link
 * IOException} that quotes the command and its error output. Blocking: call it from start-up and
 * shutdown code or a blocking dispatcher, never from an actor. Stateless.
 */
public final class Commands {
  private static final long TIMEOUT_SECONDS = 20;

  private Commands() {}

  /** Runs {@code command}; returns its standard output. */
  public static String run(List<String> command) throws IOException {
    return run(command, null);
  }

  /** Runs {@code command} with {@code input} on its standard input (null for none). */
  public static String run(List<String> command, String input) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (input != null) {
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + ": timed out");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException(
            String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + text.strip());
      }
      return text;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(String.join(" ", command) + ": interrupted", e);
    }
  }
}
