package wolf.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import wolf.actors.cluster.NodeStatus;

/**
 * {@code GET /health}, {@code /ready}, {@code /status}, {@code /cluster}, {@code /cluster/nodes}.
 * Every answer is computed from a fresh {@link NodeStatus}; nothing is cached. Thread-safe.
 */
public final class ClusterRoutes extends AllDirectives {
  private final Supplier<CompletionStage<NodeStatus>> status;

  /**
   * @param status asks the node for its current view; failures become 503 problems
   */
  public ClusterRoutes(Supplier<CompletionStage<NodeStatus>> status) {
    this.status = status;
  }

  public Route route() {
    return get(
        () ->
            concat(
                path("health", () -> withStatus(this::health)),
                path("ready", () -> withStatus(this::ready)),
                path("status", () -> withStatus(s -> json(StatusJson.status(s)))),
                pathPrefix(
                    "cluster",
                    () ->
                        concat(
                            pathEnd(() -> withStatus(s -> json(StatusJson.cluster(s)))),
                            path("nodes", () -> withStatus(s -> json(StatusJson.nodes(s))))))));
  }

  private HttpResponse health(NodeStatus s) {
    ObjectNode n = StatusJson.JSON.createObjectNode();
    n.put("status", "alive");
    n.put("node_id", s.nodeId());
    return json(n);
  }

  private HttpResponse ready(NodeStatus s) {
    if (!s.joined()) {
      return Problems.response(
          StatusCodes.SERVICE_UNAVAILABLE, "Node " + s.nodeId() + " has not joined the cluster.");
    }
    if (!s.caughtUp()) {
      return Problems.response(
          StatusCodes.SERVICE_UNAVAILABLE, "Node " + s.nodeId() + " is not caught up yet.");
    }
    if (s.leader().isEmpty()) {
      return Problems.response(
          StatusCodes.SERVICE_UNAVAILABLE, "No leader is known to node " + s.nodeId() + ".");
    }
    ObjectNode n = StatusJson.JSON.createObjectNode();
    n.put("status", "ready");
    n.put("node_id", s.nodeId());
    n.put("leader", s.leader().get());
    n.put("term", s.term());
    return json(n);
  }

  private Route withStatus(Function<NodeStatus, HttpResponse> render) {
    return completeWithFuture(
        status
            .get()
            .handle(
                (s, e) ->
                    e == null
                        ? render.apply(s)
                        : Problems.response(
                            StatusCodes.SERVICE_UNAVAILABLE,
                            "The node did not report its status in time; it may be overloaded"
                                + " or shutting down.")));
  }

  static HttpResponse json(ObjectNode body) {
    return HttpResponse.create()
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()));
  }
}
