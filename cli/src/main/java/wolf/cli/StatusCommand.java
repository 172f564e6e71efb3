package wolf.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wolfscale status} and {@code wolfctl status}: a node's view, from its HTTP API. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show this node's role, leader, term and readiness (asks its HTTP API).")
final class StatusCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOption config;
  @Mixin ApiOptions api;

  @Option(names = "--json", description = "Print the node's JSON answer.")
  boolean json;

  @Override
  public Integer call() {
    var s = api.client(config).get("status");
    spec.commandLine().getOut().print(json ? ApiClient.pretty(s) + "\n" : ServerTable.status(s));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
