package wolf.cli.net;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import wolf.cli.Cli;
import wolf.net.keys.PrivateKey;

/** {@code wolfnet genkey} and {@code wolfnet pubkey}, as {@code wg genkey | wg pubkey}. */
final class KeyCommands {
  private KeyCommands() {}

  /** Prints a new private key. */
  @Command(
      name = "genkey",
      mixinStandardHelpOptions = true,
      description = "Print a new X25519 private key (base64). Store it with mode 0600.")
  static final class GenKey implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(PrivateKey.generate().base64());
      return 0;
    }
  }

  /** Reads a private key on standard input and prints its public key. */
  @Command(
      name = "pubkey",
      mixinStandardHelpOptions = true,
      description = "Read a private key on standard input, print its public key.")
  static final class PubKey implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))
              .readLine();
      try {
        spec.commandLine()
            .getOut()
            .println(PrivateKey.parse(line == null ? "" : line.strip()).publicKey().base64());
      } catch (IllegalArgumentException e) {
        throw new Cli.UserError("not a private key: " + e.getMessage());
      }
      return 0;
    }
  }
}
