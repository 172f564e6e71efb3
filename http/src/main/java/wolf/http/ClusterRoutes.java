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
  private final StatusSections sections;

  /**
   * @param status asks the node for its current view; failures become 503 problems
   */
  public ClusterRoutes(Supplier<CompletionStage<NodeStatus>> status) {
    this(status, StatusSections.none());
  }

  /**
   * @param sections what the tool adds to {@code /status} and {@code /cluster}
   */
  public ClusterRoutes(Supplier<CompletionStage<NodeStatus>> status, StatusSections sections) {
    this.status = status;
    this.sections = sections;
  }

  public Route route() {
    return get(
        () ->
            concat(
                path("health", () -> withStatus(this::health)),
                path("ready", () -> withStatus(this::ready)),
                path("status", () -> withSections(StatusJson::status, sections::status)),
                pathPrefix(
                    "cluster",
                    () ->
                        concat(
                            pathEnd(() -> withSections(StatusJson::cluster, sections::cluster)),
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

  /** The kernel's view rendered by {@code base}, plus the tool's sections. */
  private Route withSections(
      Function<NodeStatus, ObjectNode> base,
      Supplier<CompletionStage<java.util.Map<String, com.fasterxml.jackson.databind.JsonNode>>>
          extra) {
    var both =
        status
            .get()
            .thenCombine(
                extra
                    .get()
                    .exceptionally(
                        e -> {
                          ObjectNode err = StatusJson.JSON.createObjectNode();
                          err.put("error", String.valueOf(e.getMessage()));
                          return java.util.Map.of("sections", err);
                        }),
                (s, x) -> {
                  ObjectNode n = base.apply(s);
                  x.forEach(n::set);
                  return json(n);
                });
    return completeWithFuture(
        both.handle(
            (r, e) ->
                e == null
                    ? r
                    : Problems.response(
                        StatusCodes.SERVICE_UNAVAILABLE,
                        "The node did not report its status in time; it may be overloaded"
                            + " or shutting down.")));
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
