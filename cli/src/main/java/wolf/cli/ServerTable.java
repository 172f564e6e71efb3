package wolf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Renders {@code /cluster} and {@code /status} answers as aligned text tables. */
final class ServerTable {
  private ServerTable() {}

  static String servers(JsonNode cluster) {
    StringBuilder sb = new StringBuilder();
    sb.append("cluster ")
        .append(cluster.path("cluster_name").asText())
        .append(": leader ")
        .append(cluster.path("leader").isNull() ? "(none)" : cluster.path("leader").asText())
        .append(", term ")
        .append(cluster.path("term").asLong())
        .append(", ")
        .append(cluster.path("size").asInt())
        .append(" member(s), as seen by ")
        .append(cluster.path("observed_by").asText())
        .append('\n');
    JsonNode repl = cluster.path("replication");
    if (!repl.isMissingNode()) {
      sb.append("log: commit LSN ")
          .append(repl.path("commit_lsn").asLong())
          .append(" (term ")
          .append(repl.path("term").asLong())
          .append(", as the ")
          .append(repl.path("role").asText())
          .append(' ')
          .append(repl.path("node_id").asText())
          .append(" sees it)\n");
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "NODE",
          "ADDRESS",
          "STATUS",
          "REACHABLE",
          "CAUGHT-UP",
          "ROLE",
          "DURABLE",
          "APPLIED",
          "LAG",
          "APPLY-ERROR"
        });
    List<String> errors = new ArrayList<>();
    for (JsonNode m : cluster.path("members")) {
      JsonNode r = replica(repl, m.path("node_id").asText());
      String error = r.path("apply_error").isTextual() ? r.path("apply_error").asText() : "";
      if (!error.isEmpty()) {
        errors.add(m.path("node_id").asText() + ": " + error);
      }
      rows.add(
          new String[] {
            m.path("node_id").asText(),
            m.path("address").asText(),
            m.path("status").asText(),
            m.path("reachable").asBoolean() ? "yes" : "NO",
            m.path("caught_up").asBoolean() ? "yes" : "no",
            m.path("leader").asBoolean() ? "leader" : "follower",
            r.isMissingNode() ? "-" : r.path("durable_lsn").asText(),
            r.isMissingNode() ? "-" : r.path("applied_lsn").asText(),
            r.isMissingNode() ? "-" : r.path("lag").asText(),
            error.isEmpty() ? "-" : "YES (below)"
          });
    }
    sb.append(table(rows));
    errors.forEach(e -> sb.append("apply error on ").append(e).append('\n'));
    return sb.toString();
  }

  /** The leader's entry for {@code nodeId} in a replication section, or a missing node. */
  static JsonNode replica(JsonNode replication, String nodeId) {
    for (JsonNode r : replication.path("replicas")) {
      if (r.path("node_id").asText().equals(nodeId)) {
        return r;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  static String status(JsonNode s) {
    return "node "
        + s.path("node_id").asText()
        + " ("
        + s.path("address").asText()
        + ") in cluster "
        + s.path("cluster_name").asText()
        + "\n  role:      "
        + s.path("role").asText()
        + "\n  leader:    "
        + (s.path("leader").isNull() ? "(none)" : s.path("leader").asText())
        + "\n  term:      "
        + s.path("term").asLong()
        + "\n  joined:    "
        + s.path("joined").asBoolean()
        + "\n  caught up: "
        + s.path("caught_up").asBoolean()
        + "\n  ready:     "
        + s.path("ready").asBoolean()
        + "\n  members:   "
        + s.path("members").size()
        + "\n"
        + replication(s.path("replication"), s.path("wolfscale"));
  }

  private static String replication(JsonNode r, JsonNode w) {
    if (r.isMissingNode()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    b.append("  log:       durable LSN ")
        .append(r.path("durable_lsn").asLong())
        .append(", committed ")
        .append(r.path("commit_lsn").asLong())
        .append(", applied ")
        .append(w.path("applied_lsn").asLong(r.path("applied_lsn").asLong()))
        .append(" (term ")
        .append(r.path("term").asLong())
        .append(")\n");
    if (!w.isMissingNode()) {
      b.append("  database:  ").append(w.path("mode").asText()).append('\n');
      for (String f : new String[] {"apply_error", "diverged", "needs_snapshot"}) {
        if (w.path(f).isTextual()) {
          b.append("  ")
              .append(f.replace('_', ' '))
              .append(": ")
              .append(w.path(f).asText())
              .append('\n');
        }
      }
    }
    return b.toString();
  }

  static String table(List<String[]> rows) {
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        sb.append(i == r.length - 1 ? r[i] : String.format("%-" + (w[i] + 2) + "s", r[i]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
