package wolf.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import wolf.actors.cluster.MemberInfo;
import wolf.actors.cluster.NodeStatus;

/**
 * JSON shapes of the status routes. Field names are snake_case and stable: {@code wolfctl} and
 * scripts parse them. Stateless and thread-safe.
 */
final class StatusJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private StatusJson() {}

  static ObjectNode status(NodeStatus s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("node_id", s.nodeId());
    n.put("cluster_name", s.clusterName());
    n.put("address", s.address());
    n.put("role", s.role());
    n.put("leader", s.leader().orElse(null));
    n.put("term", s.term());
    n.put("joined", s.joined());
    n.put("caught_up", s.caughtUp());
    n.put("ready", s.ready());
    n.set("members", members(s.members()));
    return n;
  }

  static ObjectNode cluster(NodeStatus s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("cluster_name", s.clusterName());
    n.put("leader", s.leader().orElse(null));
    n.put("term", s.term());
    n.put("size", s.members().size());
    n.put("observed_by", s.nodeId());
    n.set("members", members(s.members()));
    return n;
  }

  static ObjectNode nodes(NodeStatus s) {
    ObjectNode n = JSON.createObjectNode();
    n.set("nodes", members(s.members()));
    return n;
  }

  private static ArrayNode members(List<MemberInfo> members) {
    ArrayNode a = JSON.createArrayNode();
    for (MemberInfo m : members) {
      ObjectNode n = a.addObject();
      n.put("node_id", m.nodeId());
      n.put("address", m.address());
      n.put("status", m.status());
      n.put("reachable", m.reachable());
      n.put("caught_up", m.caughtUp());
      n.put("leader", m.leader());
    }
    return a;
  }
}
