package wolf.cli.net;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import wolf.cli.Cli;
import wolf.cli.Version;
import wolf.config.net.WolfNetConfig;

/**
 * {@code wolfnet}: without a command, runs the node in the foreground until SIGTERM/Ctrl-C; the
 * commands create keys, configs and join tokens.
 */
@Command(
    name = "wolfnet",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "WolfNet: an encrypted mesh VPN over a TUN interface.",
      "Without a command, runs this node (needs root or CAP_NET_ADMIN) until stopped."
    },
    subcommands = {
      InitCommand.class,
      KeyCommands.GenKey.class,
      KeyCommands.PubKey.class,
      TokenCommand.class,
      JoinCommand.class,
      WolfNetMain.Validate.class,
      CommandLine.HelpCommand.class
    })
public final class WolfNetMain implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin NetConfigOption config;

  public static void main(String[] args) {
    CommandLine cl = Cli.commandLine(new WolfNetMain());
    int code = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    System.exit(code);
  }

  @Override
  public Integer call() throws Exception {
    WolfNetConfig c = config.load();
    WolfNetDaemon daemon = WolfNetDaemon.start(c);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  daemon.close();
                  stopped.countDown();
                },
                "wolfnet-shutdown"));
    spec.commandLine().getErr().println("wolfnet: running; stop with SIGTERM or Ctrl-C");
    stopped.await();
    return 0;
  }

  /** {@code wolfnet validate}: prints every problem. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = "Check wolfnet.toml; print every problem with its key.")
  static final class Validate implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin NetConfigOption config;

    @Override
    public Integer call() {
      config.load();
      spec.commandLine().getOut().println(config.path + ": ok");
      return 0;
    }
  }
}
