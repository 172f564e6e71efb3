package wolf.actors.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wolf.actors.TestNodes.await;
import static wolf.actors.TestNodes.settings;
import static wolf.actors.TestNodes.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wolf.actors.TestNodes;
import wolf.actors.WolfNode;

/**
 * Several nodes in one JVM on loopback. Ids are chosen so that natural and lexical order disagree:
 * lexically node-10 would lead, then node-2.
 */
@ExtendWith(LogCapturingExtension.class)
class LeadershipClusterTest {

  private static final String CLUSTER = "leadership";
  private static final Duration FORM = Duration.ofSeconds(20);

  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void stopAll() {
    nodes.close();
  }

  @Test
  void lowestIdInNaturalOrderLeadsOnEveryNode() throws Exception {
    List<WolfNode> all = startCluster("node-10", "node-9", "node-2", "node-11");
    awaitAgreement(all, "node-2", FORM);
    NodeStatus status = status(all.get(2));
    assertEquals("leader", status.role());
    assertEquals("follower", status(all.get(0)).role());
    assertEquals(
        List.of("node-2", "node-9", "node-10", "node-11"),
        status.members().stream().map(MemberInfo::nodeId).toList());
    assertTrue(status.members().stream().allMatch(m -> m.status().equals("Up") && m.reachable()));

    // A graceful leave moves leadership without waiting for failure detection.
    long leaving = System.nanoTime();
    all.get(2).shutdown().toCompletableFuture().get(10, TimeUnit.SECONDS);
    awaitAgreement(List.of(all.get(0), all.get(1), all.get(3)), "node-9", Duration.ofSeconds(10));
    System.out.printf(
        "graceful leave: node-9 leads everywhere %d ms after shutdown() began%n",
        (System.nanoTime() - leaving) / 1_000_000);
  }

  @Test
  void youngerMemberWithTheSameIdLeaves() throws Exception {
    List<WolfNode> all = startCluster("node-1", "node-2");
    awaitAgreement(all, "node-1", FORM);
    LoggingTestKit.error("node id node-2 is already used by older member")
        .expect(
            all.get(0).system(),
            () -> {
              WolfNode twin =
                  nodes.start(settings(CLUSTER, "node-2", List.of(all.get(0).address()), false));
              twin.system()
                  .getWhenTerminated()
                  .toCompletableFuture()
                  .orTimeout(20, TimeUnit.SECONDS)
                  .join();
              return null;
            });
    awaitAgreement(all, "node-1", Duration.ofSeconds(10));
    await(Duration.ofSeconds(10), () -> assertEquals(2, status(all.get(0)).members().size()));
  }

  /** Crash the leader, fail over, bring it back not caught up, then let it take over again. */
  @Test
  void failoverThenReturningNodeLeadsOnlyOnceCaughtUp() throws Exception {
    List<WolfNode> all = startCluster("node-10", "node-9", "node-2");
    WolfNode node10 = all.get(0);
    WolfNode node9 = all.get(1);
    awaitAgreement(all, "node-2", FORM);
    Map<String, ConcurrentLinkedQueue<Seen>> seen = new LinkedHashMap<>();
    for (WolfNode node : List.of(node10, node9)) {
      ConcurrentLinkedQueue<Seen> events = new ConcurrentLinkedQueue<>();
      node.onLeaderChanged(e -> events.add(new Seen(e, System.nanoTime())));
      seen.put(node.settings().nodeId(), events);
    }

    long crashedAt = System.nanoTime();
    all.get(2).crash();
    List<WolfNode> survivors = List.of(node10, node9);
    awaitAgreement(survivors, "node-9", Duration.ofSeconds(10));
    for (var entry : seen.entrySet()) {
      Seen failover =
          entry.getValue().stream()
              .filter(s -> s.event().leader().equals(Optional.of("node-9")))
              .findFirst()
              .orElseThrow();
      long millis = (failover.nanos() - crashedAt) / 1_000_000;
      System.out.printf(
          "failover: %s saw node-9 lead %d ms after the crash%n", entry.getKey(), millis);
      assertTrue(millis < 3000, entry.getKey() + " took " + millis + " ms to fail over");
    }
    long termAfterFailover = status(node9).term();

    WolfNode returning =
        nodes.start(
            TestNodes.withCaughtUp(
                settings(CLUSTER, "node-2", List.of(node10.address()), false), false));
    ConcurrentLinkedQueue<Seen> returningEvents = new ConcurrentLinkedQueue<>();
    returning.onLeaderChanged(e -> returningEvents.add(new Seen(e, System.nanoTime())));
    seen.put("node-2", returningEvents);
    List<WolfNode> rejoined = List.of(node10, node9, returning);
    // Joined and seen by everyone, yet not eligible: node-9 keeps leading, in the same term.
    await(
        FORM,
        () -> {
          for (WolfNode node : rejoined) {
            NodeStatus s = status(node);
            String id = node.settings().nodeId();
            assertTrue(s.joined(), id + " joined");
            assertEquals(Optional.of("node-9"), s.leader(), id);
            assertEquals(termAfterFailover, s.term(), id);
            assertTrue(
                s.members().stream()
                    .anyMatch(
                        m ->
                            m.address().equals(returning.address())
                                && m.status().equals("Up")
                                && !m.caughtUp()),
                id + " sees the returning node-2 Up and not caught up");
          }
        });
    assertEquals("follower", status(returning).role());

    LoggingTestKit.info("hand-over from node-9 to node-2")
        .withOccurrences(3)
        .expect(
            node10.system(),
            () -> {
              returning.setCaughtUp(true);
              awaitAgreement(rejoined, "node-2", Duration.ofSeconds(10));
              return null;
            });
    assertTrue(status(node9).term() > termAfterFailover);
    for (var entry : seen.entrySet()) {
      List<Long> terms = new ArrayList<>();
      entry.getValue().forEach(s -> terms.add(s.event().term()));
      for (int i = 1; i < terms.size(); i++) {
        assertTrue(terms.get(i) >= terms.get(i - 1), entry.getKey() + " terms went down: " + terms);
      }
    }
  }

  private record Seen(LeaderChanged event, long nanos) {}

  /** Starts the first id with bootstrap, the rest with the first as seed. */
  private List<WolfNode> startCluster(String... ids) {
    List<WolfNode> all = new ArrayList<>();
    WolfNode first = nodes.start(settings(CLUSTER, ids[0], List.of(), true));
    all.add(first);
    for (int i = 1; i < ids.length; i++) {
      all.add(nodes.start(settings(CLUSTER, ids[i], List.of(first.address()), false)));
    }
    return all;
  }

  /** Every node is Up and names {@code leader} with one common term. */
  static void awaitAgreement(List<WolfNode> all, String leader, Duration max) {
    await(
        max,
        () -> {
          long term = -1;
          for (WolfNode node : all) {
            NodeStatus s = status(node);
            String id = node.settings().nodeId();
            assertTrue(s.joined(), id + " joined");
            assertEquals(Optional.of(leader), s.leader(), id + " leader");
            assertTrue(term == -1 || term == s.term(), id + " term " + s.term() + " vs " + term);
            term = s.term();
          }
        });
  }
}
