package wolf.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wolfctl}: inspect a running WolfScale cluster through any node's HTTP API. */
@Command(
    name = "wolfctl",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Inspect and operate a running WolfScale cluster through any node's HTTP API.",
    subcommands = {
      WolfCtlMain.ListCommand.class,
      StatusCommand.class,
      StatsCommand.class,
      ResetCommand.class,
      MigrateCommand.class,
      CommandLine.HelpCommand.class
    })
public final class WolfCtlMain implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(Cli.commandLine(new WolfCtlMain()).execute(args));
  }

  /** {@code wolfctl list servers}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List cluster members: 'wolfctl list servers'.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOption config;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "WHAT", description = "What to list: servers.")
    String what;

    @Option(names = "--json", description = "Print the node's JSON answer.")
    boolean json;

    @Override
    public Integer call() {
      if (!"servers".equals(what)) {
        throw new Cli.UserError("cannot list '" + what + "'; try 'wolfctl list servers'");
      }
      var c = api.client(config).get("cluster");
      spec.commandLine().getOut().print(json ? ApiClient.pretty(c) + "\n" : ServerTable.servers(c));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
