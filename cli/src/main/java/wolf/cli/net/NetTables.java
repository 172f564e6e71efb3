package wolf.cli.net;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/** Human tables for {@code wolfnetctl status} and {@code peers}. Stateless. */
final class NetTables {
  private NetTables() {}

  static String render(String what, JsonNode status, Instant now) {
    StringBuilder b = new StringBuilder();
    JsonNode peers = what.equals("peers") ? status : status.get("peers");
    if (what.equals("status")) {
      b.append(
          String.format(
              "interface %s  address %s  port %d  gateway %s  active gateway %s%n"
                  + "public key %s%n%n",
              status.get("interfaceName").asText(),
              status.get("address").asText(),
              status.get("listenPort").asInt(),
              status.get("gatewayCapable").asBoolean() ? "capable" : "no",
              status.get("activeGateway").asText(),
              status.get("publicKey").asText()));
    }
    b.append(
        String.format(
            "%-16s %-22s %-8s %-10s %-12s %12s %12s%n",
            "PEER", "ENDPOINT", "SESSION", "HANDSHAKE", "LAST RX", "RX BYTES", "TX BYTES"));
    for (JsonNode p : peers) {
      long hs = p.get("lastHandshakeEpochMillis").asLong();
      double rx = p.get("lastReceivedSecondsAgo").asDouble();
      b.append(
          String.format(
              "%-16s %-22s %-8s %-10s %-12s %12d %12d%n",
              p.get("name").asText() + (p.get("gateway").asBoolean() ? " (gw)" : ""),
              p.get("endpoint").asText().isEmpty() ? "-" : p.get("endpoint").asText(),
              p.get("session").asBoolean() ? "up" : "-",
              hs == 0 ? "never" : (now.toEpochMilli() - hs) / 1000 + " s ago",
              rx < 0 ? "never" : String.format("%.1f s ago", rx),
              p.get("bytesReceived").asLong(),
              p.get("bytesSent").asLong()));
    }
    if (what.equals("status")) {
      b.append("\ncounters (non-zero):\n");
      for (Map.Entry<String, JsonNode> e : status.get("counters").properties()) {
        if (e.getValue().asLong() != 0) {
          b.append(String.format("  %-28s %d%n", e.getKey(), e.getValue().asLong()));
        }
      }
    }
    return b.toString();
  }
}
