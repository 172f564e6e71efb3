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
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NODE", "ADDRESS", "STATUS", "REACHABLE", "CAUGHT-UP", "ROLE"});
    for (JsonNode m : cluster.path("members")) {
      rows.add(
          new String[] {
            m.path("node_id").asText(),
            m.path("address").asText(),
            m.path("status").asText(),
            m.path("reachable").asBoolean() ? "yes" : "NO",
            m.path("caught_up").asBoolean() ? "yes" : "no",
            m.path("leader").asBoolean() ? "leader" : "follower"
          });
    }
    return sb.append(table(rows)).toString();
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
        + "\n";
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
