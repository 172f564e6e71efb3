package wolf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wolfctl stats}: live writes per second and every node's lag, refreshed every second from
 * the leader's view ({@code /cluster}, asked of any node).
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description =
        "Live writes/s, commit LSN and each node's durable and applied LSN and lag, refreshed"
            + " every second until Ctrl-C.")
final class StatsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOption config;
  @Mixin ApiOptions api;

  @Option(
      names = "--count",
      defaultValue = "0",
      description = "Stop after this many refreshes (0: until Ctrl-C).")
  int count;

  @Option(names = "--interval-ms", defaultValue = "1000", description = "Refresh interval.")
  long intervalMs;

  @Override
  public Integer call() throws InterruptedException {
    ApiClient client = api.client(config);
    PrintWriter out = spec.commandLine().getOut();
    long lastCommit = -1;
    long lastNanos = 0;
    Map<String, Long> lastApplied = new HashMap<>();
    for (int i = 0; count == 0 || i < count; i++) {
      if (i > 0) {
        Thread.sleep(intervalMs);
      }
      JsonNode c = client.get("cluster");
      JsonNode r = c.path("replication");
      long commit = r.path("commit_lsn").asLong();
      long now = System.nanoTime();
      double seconds = (now - lastNanos) / 1e9;
      String rate = lastCommit < 0 ? "-" : String.format("%.0f", (commit - lastCommit) / seconds);
      out.printf(
          "%s  leader %s  term %d  commit LSN %d  writes/s %s%n",
          java.time.LocalTime.now().withNano(0),
          c.path("leader").isNull() ? "(none)" : c.path("leader").asText(),
          r.path("term").asLong(),
          commit,
          rate);
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"  NODE", "DURABLE", "APPLIED", "LAG", "APPLIED/s", "LAST-ACK-ms"});
      for (JsonNode n : r.path("replicas")) {
        String id = n.path("node_id").asText();
        long applied = n.path("applied_lsn").asLong();
        Long before = lastApplied.put(id, applied);
        rows.add(
            new String[] {
              "  " + id,
              n.path("durable_lsn").asText(),
              String.valueOf(applied),
              String.valueOf(Math.max(0, commit - applied)),
              before == null ? "-" : String.format("%.0f", (applied - before) / seconds),
              n.path("last_ack_ms").asText()
            });
      }
      out.print(ServerTable.table(rows));
      out.flush();
      lastCommit = commit;
      lastNanos = now;
    }
    return 0;
  }
}
