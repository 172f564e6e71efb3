package wolf.cli.net;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import wolf.cli.Cli;
import wolf.config.ConfigException;
import wolf.config.net.WolfNetConfig;

/** {@code -c FILE}: the wolfnet.toml to use. */
final class NetConfigOption {
  static final String DEFAULT = "/etc/wolfnet/wolfnet.toml";

  @Option(
      names = {"-c", "--config"},
      defaultValue = DEFAULT,
      description = "wolfnet.toml (default ${DEFAULT-VALUE}).")
  Path path = Path.of(DEFAULT);

  /** The validated config, or a user error listing every problem. */
  WolfNetConfig load() {
    try {
      return WolfNetConfig.load(path);
    } catch (ConfigException e) {
      throw new Cli.UserError(e.getMessage());
    }
  }
}
