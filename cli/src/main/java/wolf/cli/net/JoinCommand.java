package wolf.cli.net;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import wolf.cli.Cli;
import wolf.config.HostPort;
import wolf.config.net.OverlayAddress;
import wolf.config.net.PeerEntry;
import wolf.net.keys.InvalidTokenException;
import wolf.net.keys.JoinToken;
import wolf.net.keys.KeyPair;

/**
 * {@code wolfnet join TOKEN}: writes this host's config from a token — the offered address, the
 * inviter as the one peer, the token to present in the first handshake — and a key pair. The
 * inviter admits the key when the daemon's first handshake arrives.
 */
@Command(
    name = "join",
    mixinStandardHelpOptions = true,
    description = "Write wolfnet.toml and a key pair from a join token; then start 'wolfnet'.")
final class JoinCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin NetConfigOption config;

  @Parameters(paramLabel = "TOKEN", description = "The token printed by 'wolfnet token'.")
  String token;

  @Option(names = "--port", defaultValue = "9600", description = "UDP port (default 9600).")
  int port;

  @Option(names = "--force", description = "Overwrite an existing configuration.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    JoinToken t;
    try {
      t = JoinToken.decode(token.strip());
      t.checkNotExpired(System.currentTimeMillis() / 1000);
    } catch (InvalidTokenException e) {
      throw new Cli.UserError("token refused: " + e.getMessage());
    }
    String inviter = t.inviterAddress().getHostAddress();
    PeerEntry peer =
        new PeerEntry(
            inviter,
            t.inviter().base64(),
            Optional.of(HostPort.parse(t.endpoints().get(0))),
            List.of(inviter + "/32"),
            false,
            Optional.of(token.strip()));
    OverlayAddress self = new OverlayAddress(t.offeredAddress(), t.prefixLength());
    KeyPair keys = NetFiles.write(config.path, self, port, false, List.of(peer), force);
    var out = spec.commandLine().getOut();
    out.println("wrote " + config.path.toAbsolutePath() + ": this host is " + self);
    out.println("public key: " + keys.publicKey().base64());
    out.println("next: start 'wolfnet -c " + config.path + "'; the inviter admits it on contact");
    return 0;
  }
}
