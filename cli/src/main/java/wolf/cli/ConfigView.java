package wolf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import wolf.config.WolfScaleConfig;

/** The effective configuration as a JSON tree, with passwords and tokens masked. */
final class ConfigView {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigView() {}

  static ObjectNode of(WolfScaleConfig c, String version) {
    ObjectNode n = JSON.createObjectNode();
    n.put("version", version);
    n.put("config_file", String.valueOf(c.source()));
    ObjectNode node = n.putObject("node");
    node.put("id", c.node().id());
    node.put("bind_address", c.node().bindAddress().toString());
    node.put("data_dir", c.node().dataDir().toString());
    node.put("advertise_address", c.node().advertiseAddress().map(Object::toString).orElse(null));
    var d = c.database();
    n.putObject("database")
        .put("host", d.host())
        .put("port", d.port())
        .put("user", d.user())
        .put("password", d.password().isEmpty() ? "" : "********")
        .put("database", d.database())
        .put("pool_size", d.poolSize());
    var w = c.wal();
    n.putObject("wal")
        .put("batch_size", w.batchSize())
        .put("flush_interval_ms", w.flushIntervalMs())
        .put("compression", w.compression())
        .put("segment_size_mb", w.segmentSizeMb())
        .put("retention_hours", w.retentionHours())
        .put("fsync", w.fsync());
    var cl = c.cluster();
    ObjectNode cn = n.putObject("cluster");
    var peers = cn.putArray("peers");
    cl.peers().forEach(p -> peers.add(p.toString()));
    cn.put("bootstrap", cl.bootstrap())
        .put("auto_discovery", cl.autoDiscovery())
        .put("cluster_name", cl.clusterName())
        .put("heartbeat_interval_ms", cl.heartbeatIntervalMs())
        .put("election_timeout_ms", cl.electionTimeoutMs())
        .put("commit_mode", cl.commitMode().name().toLowerCase(java.util.Locale.ROOT))
        .put("discovery_address", cl.discoveryAddress().toString())
        .put("discovery_interval_ms", cl.discoveryIntervalMs());
    n.putObject("api")
        .put("enabled", c.api().enabled())
        .put("bind_address", c.api().bindAddress().toString())
        .put("token", c.api().token().isEmpty() ? "" : "********");
    n.putObject("proxy")
        .put("enabled", c.proxy().enabled())
        .put("bind_address", c.proxy().bindAddress().toString());
    var s = c.security();
    n.putObject("security")
        .put("transport", s.transport().name().toLowerCase(java.util.Locale.ROOT))
        .put("key_store", s.keyStore().map(Object::toString).orElse(null))
        .put("key_store_password", s.keyStorePassword().isEmpty() ? "" : "********")
        .put("cert_file", s.certFile().map(Object::toString).orElse(null))
        .put("key_file", s.keyFile().map(Object::toString).orElse(null))
        .put("ca_file", s.caFile().map(Object::toString).orElse(null));
    return n;
  }

  static String text(ObjectNode n) {
    StringBuilder sb = new StringBuilder();
    sb.append("wolfscale ").append(n.get("version").asText()).append('\n');
    sb.append("config: ").append(n.get("config_file").asText()).append('\n');
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      var section = it.next();
      if (!section.getValue().isObject()) {
        continue;
      }
      sb.append('[').append(section.getKey()).append("]\n");
      section
          .getValue()
          .fields()
          .forEachRemaining(
              e ->
                  sb.append("  ")
                      .append(e.getKey())
                      .append(" = ")
                      .append(e.getValue())
                      .append('\n'));
    }
    return sb.toString();
  }
}
