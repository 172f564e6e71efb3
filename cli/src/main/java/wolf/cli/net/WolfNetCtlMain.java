package wolf.cli.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import wolf.cli.Cli;
import wolf.cli.Version;
import wolf.config.ConfigException;
import wolf.config.net.WolfNetConfig;
import wolf.net.control.ControlServer;

/**
 * {@code wolfnetctl status|peers|info}: asks a running node over its control socket. The socket is
 * {@code --socket}, else the one named by {@code -c FILE} (default /etc/wolfnet/wolfnet.toml), else
 * {@code /run/wolfnet/wolfnet0.sock}.
 */
@Command(
    name = "wolfnetctl",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Show a running WolfNet node: status, peers, info.")
public final class WolfNetCtlMain implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "WHAT", description = "status, peers or info.")
  String what;

  @Option(names = "--socket", description = "Control socket of the node.")
  Path socket;

  @Option(
      names = {"-c", "--config"},
      description = "wolfnet.toml naming the socket (default " + NetConfigOption.DEFAULT + ").")
  Path config;

  @Option(names = "--json", description = "Print the node's JSON answer.")
  boolean json;

  public static void main(String[] args) {
    CommandLine cl = Cli.commandLine(new WolfNetCtlMain());
    int code = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    System.exit(code);
  }

  @Override
  public Integer call() {
    if (!what.equals("status") && !what.equals("peers") && !what.equals("info")) {
      throw new Cli.UserError("unknown '" + what + "'; try status, peers or info");
    }
    Path path = socketPath();
    String answer;
    try {
      answer = ControlServer.ask(path, what);
    } catch (IOException e) {
      throw new Cli.UserError(
          "cannot reach wolfnet at " + path + ": " + e.getMessage(), Cli.UNREACHABLE);
    }
    var out = spec.commandLine().getOut();
    if (json) {
      out.println(answer);
      return 0;
    }
    try {
      JsonNode n = new ObjectMapper().readTree(answer);
      out.print(what.equals("info") ? answer + "\n" : NetTables.render(what, n, Instant.now()));
    } catch (IOException e) {
      throw new Cli.UserError("bad answer from " + path + ": " + e.getMessage(), Cli.UNREACHABLE);
    }
    return 0;
  }

  private Path socketPath() {
    if (socket != null) {
      return socket;
    }
    Path file = config != null ? config : Path.of(NetConfigOption.DEFAULT);
    try {
      return WolfNetConfig.load(file).controlSocket();
    } catch (ConfigException e) {
      if (config != null) {
        throw new Cli.UserError(e.getMessage());
      }
      return Path.of("/run/wolfnet/wolfnet0.sock");
    }
  }
}
