package wolf.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import wolf.config.ConfigException;
import wolf.config.WolfScaleConfig;

/** The {@code -c/--config} option and loading with every problem printed. */
public final class ConfigOption {
  /** Where commands look when {@code -c} is not given. */
  public static final Path DEFAULT = Path.of("wolfscale.toml");

  public static final Path SYSTEM = Path.of("/etc/wolfscale/wolfscale.toml");

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "Configuration file (default: ./wolfscale.toml, else /etc/wolfscale/wolfscale.toml).")
  Path file;

  public Path path() {
    if (file != null) {
      return file;
    }
    return Files.exists(DEFAULT) || !Files.exists(SYSTEM) ? DEFAULT : SYSTEM;
  }

  /** Loads and validates; every problem goes into the error's message, one per line. */
  public WolfScaleConfig load() {
    Path p = path();
    if (!Files.exists(p)) {
      throw new Cli.UserError(p + ": no such file (create one with 'wolfscale init -c " + p + "')");
    }
    try {
      return WolfScaleConfig.load(p);
    } catch (ConfigException e) {
      throw new Cli.UserError(
          e.problems().size() + " problem(s) in the configuration:\n" + e.getMessage());
    }
  }
}
