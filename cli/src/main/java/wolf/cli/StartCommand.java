package wolf.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wolfscale start}: run this node in the foreground. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Run this node in the foreground; SIGTERM or Ctrl-C leaves the cluster gracefully.",
      "It joins the [cluster] peers, or the nodes found by auto_discovery."
    })
final class StartCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(
      names = "--bootstrap",
      description = "Allow this node to form a new cluster when no peer answers.")
  boolean bootstrap;

  @Override
  public Integer call() throws Exception {
    return NodeOptions.run(config, List.of(), bootstrap);
  }
}
