package wolf.cli.net;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import wolf.cli.Cli;
import wolf.config.net.OverlayAddress;
import wolf.net.keys.KeyPair;

/** {@code wolfnet init --address 10.0.10.1}: a config and a key pair for a new node. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Write a commented wolfnet.toml and this node's key pair (private.key mode 0600,"
          + " public.key) in the config's directory.",
      "Then add peers to [mesh] peers, or let others join with 'wolfnet token'."
    })
final class InitCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin NetConfigOption config;

  @Option(
      names = "--address",
      required = true,
      description = "This node's overlay address, e.g. 10.0.10.1 or 10.0.10.1/24.")
  String address;

  @Option(names = "--port", defaultValue = "9600", description = "UDP port (default 9600).")
  int port;

  @Option(names = "--gateway", description = "Let this node be the mesh's NAT gateway.")
  boolean gateway;

  @Option(names = "--force", description = "Overwrite an existing configuration.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    OverlayAddress overlay;
    try {
      overlay = OverlayAddress.parse(address);
    } catch (IllegalArgumentException e) {
      throw new Cli.UserError("--address: " + e.getMessage());
    }
    KeyPair keys = NetFiles.write(config.path, overlay, port, gateway, List.of(), force);
    var out = spec.commandLine().getOut();
    out.println("wrote " + config.path.toAbsolutePath() + " and its key pair");
    out.println("public key: " + keys.publicKey().base64());
    out.println("next: 'wolfnet token -c " + config.path + "' for each host that should join");
    return 0;
  }
}
