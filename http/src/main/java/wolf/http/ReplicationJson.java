package wolf.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import wolf.actors.replication.ReplicaInfo;
import wolf.actors.replication.ReplicationStatus;

/**
 * The {@code "replication"} section of {@code /status} and {@code /cluster}. Field names are
 * snake_case and stable: {@code wolfctl} parses them. Stateless and thread-safe.
 */
public final class ReplicationJson {
  private ReplicationJson() {}

  public static ObjectNode of(ReplicationStatus s) {
    ObjectNode n = StatusJson.JSON.createObjectNode();
    n.put("node_id", s.nodeId());
    n.put("role", s.role());
    n.put("leader", s.leader().orElse(null));
    n.put("term", s.term());
    n.put("durable_lsn", s.durableLsn());
    n.put("commit_lsn", s.commitLsn());
    n.put("applied_lsn", s.appliedLsn());
    n.put("apply_error", s.applyError().orElse(null));
    ArrayNode a = n.putArray("replicas");
    for (ReplicaInfo r : s.replicas()) {
      ObjectNode o = a.addObject();
      o.put("node_id", r.nodeId());
      o.put("durable_lsn", r.durableLsn());
      o.put("applied_lsn", r.appliedLsn());
      o.put("lag", r.lag());
      o.put("apply_error", r.applyError().orElse(null));
      o.put("last_ack_ms", r.lastAckMillisAgo());
    }
    return n;
  }
}
