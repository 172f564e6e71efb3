package wolf.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import wolf.actors.cluster.MemberInfo;
import wolf.actors.cluster.NodeStatus;

/** Real HTTP over loopback against the management routes, with a status supplier we control. */
class ClusterRoutesTest {
  private static ActorSystem<Void> system;
  private static ServerBinding binding;
  private static final AtomicReference<CompletionStage<NodeStatus>> next = new AtomicReference<>();
  private static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    system = ActorSystem.create(Behaviors.empty(), "http-test");
    ManagementServer server =
        new ManagementServer(
            system, "node-1", List.of(new ClusterRoutes(() -> next.get()).route()));
    binding = server.bind("127.0.0.1", 0).toCompletableFuture().get();
  }

  @AfterAll
  static void stop() throws Exception {
    ManagementServer.unbind(system, binding).toCompletableFuture().get();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get();
  }

  private static NodeStatus status(boolean joined, boolean caughtUp, String leader) {
    List<MemberInfo> members =
        List.of(
            new MemberInfo(
                "node-1", "127.0.0.1:7001", "Up", true, caughtUp, "node-1".equals(leader)),
            new MemberInfo("node-2", "127.0.0.1:7002", "Up", false, true, "node-2".equals(leader)));
    return new NodeStatus(
        "node-1",
        "wolfscale",
        "127.0.0.1:7001",
        leader == null ? "joining" : "node-1".equals(leader) ? "leader" : "follower",
        Optional.ofNullable(leader),
        7,
        joined,
        caughtUp,
        members);
  }

  private static HttpResponse<String> send(String method, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(5))
            .build();
    return client.send(req, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return StatusJson.JSON.readTree(r.body());
  }

  private static void assertProblem(HttpResponse<String> r, int code) throws Exception {
    assertEquals(code, r.statusCode(), r.body());
    assertEquals(
        "application/problem+json",
        r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    JsonNode p = json(r);
    assertEquals(code, p.get("status").asInt());
    assertTrue(p.get("detail").asText().endsWith("."), p.toString());
  }

  @Test
  void healthAnswersWhileNotJoined() throws Exception {
    next.set(CompletableFuture.completedFuture(status(false, false, null)));
    HttpResponse<String> r = send("GET", "/health");
    assertEquals(200, r.statusCode());
    assertEquals("alive", json(r).get("status").asText());
  }

  @Test
  void readyOnlyWhenJoinedCaughtUpAndLed() throws Exception {
    next.set(CompletableFuture.completedFuture(status(false, true, null)));
    assertProblem(send("GET", "/ready"), 503);
    next.set(CompletableFuture.completedFuture(status(true, false, "node-2")));
    HttpResponse<String> notCaughtUp = send("GET", "/ready");
    assertProblem(notCaughtUp, 503);
    assertTrue(json(notCaughtUp).get("detail").asText().contains("not caught up"));
    next.set(CompletableFuture.completedFuture(status(true, true, "node-2")));
    HttpResponse<String> ok = send("GET", "/ready");
    assertEquals(200, ok.statusCode());
    assertEquals("node-2", json(ok).get("leader").asText());
  }

  @Test
  void statusAndClusterShowLeaderTermAndMembers() throws Exception {
    next.set(CompletableFuture.completedFuture(status(true, true, "node-1")));
    JsonNode s = json(send("GET", "/status"));
    assertEquals("leader", s.get("role").asText());
    assertEquals(7, s.get("term").asLong());
    assertEquals(2, s.get("members").size());
    assertEquals(false, s.get("members").get(1).get("reachable").asBoolean());
    JsonNode c = json(send("GET", "/cluster"));
    assertEquals("node-1", c.get("leader").asText());
    assertEquals(2, c.get("size").asInt());
    JsonNode n = json(send("GET", "/cluster/nodes"));
    assertEquals("node-2", n.get("nodes").get(1).get("node_id").asText());
  }

  @Test
  void errorsAreProblemJson() throws Exception {
    next.set(CompletableFuture.completedFuture(status(true, true, "node-1")));
    assertProblem(send("GET", "/no/such/thing"), 404);
    assertProblem(send("POST", "/status"), 405);
    next.set(CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException("slow")));
    assertProblem(send("GET", "/status"), 503);
  }
}
