package wolf.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import wolf.config.HostPort;

/** {@code wolfscale join HOST:PORT}: run this node, joining the cluster through one member. */
@Command(
    name = "join",
    mixinStandardHelpOptions = true,
    description = "Run this node in the foreground, joining the cluster that HOST:PORT belongs to.")
final class JoinCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Parameters(paramLabel = "HOST:PORT", description = "Cluster address of any member.")
  String seed;

  @Override
  public Integer call() throws Exception {
    HostPort hp;
    try {
      hp = HostPort.parse(seed);
    } catch (IllegalArgumentException e) {
      throw new Cli.UserError(seed + ": " + e.getMessage());
    }
    return NodeOptions.run(config, List.of(hp), false);
  }
}
