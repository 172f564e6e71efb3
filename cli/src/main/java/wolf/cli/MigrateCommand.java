package wolf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wolfctl migrate --from NODE}: rebuilds the database of the node {@code --api} points at
 * from a consistent snapshot of {@code NODE}'s, streamed between the nodes, then lets it follow the
 * log from the snapshot on. Shows progress until it is done.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description =
        "Rebuild this node's database from a snapshot of another node's (streamed between the"
            + " nodes), then follow the log from there. Shows progress.")
final class MigrateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOption config;
  @Mixin ApiOptions api;

  @Option(names = "--from", required = true, paramLabel = "NODE", description = "Source node id.")
  String from;

  @Option(
      names = "--token",
      defaultValue = "${env:WOLF_TOKEN:-}",
      description = "The [api] token, if the node needs one (default: $WOLF_TOKEN).")
  String token;

  @Option(names = "--timeout-s", defaultValue = "3600", description = "Give up after this long.")
  long timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    ApiClient client = api.client(config);
    PrintWriter out = spec.commandLine().getOut();
    client.post("admin/migrate", "{\"from\":" + ApiClient.JSON.valueToTree(from) + "}", token);
    out.printf("migrating from %s ...%n", from);
    out.flush();
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    long shown = -1;
    while (System.nanoTime() < deadline) {
      Thread.sleep(500);
      JsonNode snap = client.get("status").path("wolfscale").path("snapshot");
      String state = snap.path("state").asText();
      long bytes = snap.path("bytes").asLong();
      if (bytes != shown && state.equals("running")) {
        out.printf("  %.1f MiB received%n", bytes / 1048576.0);
        out.flush();
        shown = bytes;
      }
      if (state.equals("done")) {
        out.printf(
            "done: %.1f MiB from %s; the node follows the log from LSN %d%n",
            bytes / 1048576.0, snap.path("from").asText(), snap.path("lsn").asLong() + 1);
        return 0;
      }
      if (state.equals("failed")) {
        throw new Cli.UserError("the snapshot failed: " + snap.path("error").asText());
      }
    }
    throw new Cli.UserError("the snapshot did not finish within " + timeoutSeconds + " s");
  }
}
