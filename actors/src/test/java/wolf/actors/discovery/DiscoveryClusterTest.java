package wolf.actors.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wolf.actors.TestNodes.await;
import static wolf.actors.TestNodes.settings;
import static wolf.actors.TestNodes.status;

import java.net.DatagramSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import wolf.actors.KernelSettings.DiscoverySettings;
import wolf.actors.TestNodes;
import wolf.actors.WolfNode;
import wolf.actors.cluster.MemberInfo;
import wolf.actors.cluster.NodeStatus;

/** Real UDP broadcast, on loopback only ({@code 127.255.255.255}), on a random free port. */
@ExtendWith(LogCapturingExtension.class)
class DiscoveryClusterTest {

  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void stopAll() {
    nodes.close();
  }

  @Test
  void nodesFindEachOtherWithoutSeedsAndIgnoreOtherClusters() throws Exception {
    DiscoverySettings discovery =
        new DiscoverySettings(true, "127.255.255.255", freeUdpPort(), Duration.ofMillis(200));
    // Lowest id of all: were its beacons not ignored, the others would join it.
    WolfNode foreign =
        nodes.start(
            TestNodes.withDiscovery(settings("beta", "node-0", List.of(), false), discovery));
    List<WolfNode> alpha = new ArrayList<>();
    for (String id : List.of("node-3", "node-10", "node-1")) {
      alpha.add(
          nodes.start(TestNodes.withDiscovery(settings("alpha", id, List.of(), false), discovery)));
    }

    await(
        Duration.ofSeconds(20),
        () -> {
          for (WolfNode node : alpha) {
            NodeStatus s = status(node);
            assertTrue(s.joined(), node.settings().nodeId() + " joined");
            assertEquals(
                List.of("node-1", "node-3", "node-10"),
                s.members().stream().map(MemberInfo::nodeId).toList());
            assertEquals(Optional.of("node-1"), s.leader());
          }
        });
    await(
        Duration.ofSeconds(5),
        () -> {
          NodeStatus s = status(foreign);
          assertTrue(s.joined(), "node-0 formed its own cluster");
          assertEquals(List.of("node-0"), s.members().stream().map(MemberInfo::nodeId).toList());
          assertTrue(stats(foreign).foreignIgnored() > 0, "node-0 ignored alpha's beacons");
          for (WolfNode node : alpha) {
            DiscoveryStats stats = stats(node);
            assertTrue(stats.foreignIgnored() > 0, node.settings().nodeId() + " ignored node-0");
            assertTrue(!stats.heard().contains("node-0"), stats.toString());
            assertEquals("UP", stats.state());
          }
        });
  }

  private static DiscoveryStats stats(WolfNode node) {
    return node.discoveryStats(TestNodes.TIMEOUT).toCompletableFuture().join().orElseThrow();
  }

  private static int freeUdpPort() throws Exception {
    try (DatagramSocket socket = new DatagramSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
