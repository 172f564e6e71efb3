package wolf.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wolfscale}: configure, check and run a WolfScale node. */
@Command(
    name = "wolfscale",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Keeps several MariaDB servers identical through one leader and a replicated log.",
    subcommands = {
      InitCommand.class,
      ValidateCommand.class,
      InfoCommand.class,
      StartCommand.class,
      JoinCommand.class,
      StatusCommand.class,
      CommandLine.HelpCommand.class
    })
public final class WolfScaleMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(Cli.commandLine(new WolfScaleMain()).execute(args));
  }
}
