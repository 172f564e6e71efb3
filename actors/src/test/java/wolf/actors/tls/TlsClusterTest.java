package wolf.actors.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wolf.actors.TestNodes.await;
import static wolf.actors.TestNodes.settings;
import static wolf.actors.TestNodes.status;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import wolf.actors.KernelSettings;
import wolf.actors.KernelSettings.TransportSecurity;
import wolf.actors.TestNodes;
import wolf.actors.WolfNode;
import wolf.actors.cluster.NodeStatus;

@ExtendWith(LogCapturingExtension.class)
class TlsClusterTest {

  private static final String CLUSTER = "tls";

  @TempDir Path dir;
  private final TestNodes nodes = new TestNodes();

  @AfterEach
  void stopAll() {
    nodes.close();
  }

  @Test
  void sameKeyStoreJoinsOtherKeyStoreIsRefused() throws Exception {
    Path clusterKey = dir.resolve("cluster.p12");
    Path otherKey = dir.resolve("other.p12");
    ClusterKeys.generate(clusterKey, "cluster-secret", CLUSTER);
    ClusterKeys.generate(otherKey, "other-secret", CLUSTER);
    assertEquals(
        PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(clusterKey));
    TransportSecurity tls = TransportSecurity.keyStore(clusterKey, "cluster-secret");

    WolfNode first = nodes.start(secure(settings(CLUSTER, "node-1", List.of(), true), tls));
    WolfNode second =
        nodes.start(secure(settings(CLUSTER, "node-2", List.of(first.address()), false), tls));
    await(Duration.ofSeconds(20), () -> assertFormed(List.of(first, second)));

    Logger artery = (Logger) LoggerFactory.getLogger("org.apache.pekko.stream.Materializer");
    ListAppender<ILoggingEvent> arteryLog = new ListAppender<>();
    arteryLog.start();
    artery.addAppender(arteryLog);
    try {
      WolfNode intruder =
          nodes.start(
              secure(
                  settings(CLUSTER, "node-0", List.of(first.address()), false),
                  TransportSecurity.keyStore(otherKey, "other-secret")));
      // The refusal shows as a failed TLS handshake on the intruder's outbound connection.
      await(
          Duration.ofSeconds(10),
          () ->
              assertTrue(
                  List.copyOf(arteryLog.list).stream()
                      .anyMatch(
                          e ->
                              e.getFormattedMessage().contains("SSLHandshakeException")
                                  && e.getFormattedMessage().contains(first.address())),
                  "no TLS handshake failure towards node-1 logged"));
      // Pekko keeps retrying the join; over several attempts it must never get in.
      long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
      while (System.nanoTime() < until) {
        NodeStatus s = status(intruder);
        assertFalse(s.joined(), "node-0 joined with a foreign key");
        assertTrue(s.members().isEmpty(), "node-0 knows members: " + s.members());
        assertFormed(List.of(first, second));
        Thread.sleep(200);
      }
    } finally {
      artery.detachAppender(arteryLog);
    }
  }

  /** PEM files go through Pekko's RotatingKeysSSLEngineProvider. */
  @Test
  void pemFilesFormACluster() throws Exception {
    Path pem = dir.resolve("pem");
    ClusterKeys.generatePem(pem, CLUSTER);
    assertEquals(
        PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(pem.resolve("tls.key")));
    TransportSecurity tls =
        new TransportSecurity(
            true,
            Optional.empty(),
            "",
            Optional.of(pem.resolve("tls.crt")),
            Optional.of(pem.resolve("tls.key")),
            Optional.of(pem.resolve("ca.crt")));
    WolfNode first = nodes.start(secure(settings(CLUSTER, "node-1", List.of(), true), tls));
    WolfNode second =
        nodes.start(secure(settings(CLUSTER, "node-2", List.of(first.address()), false), tls));
    await(Duration.ofSeconds(20), () -> assertFormed(List.of(first, second)));
  }

  private static void assertFormed(List<WolfNode> all) {
    for (WolfNode node : all) {
      NodeStatus s = status(node);
      assertTrue(s.joined(), node.settings().nodeId() + " joined");
      assertEquals(Optional.of("node-1"), s.leader());
      assertEquals(2, s.members().size(), "members " + s.members());
      assertTrue(s.members().stream().allMatch(m -> m.status().equals("Up") && m.reachable()));
    }
  }

  private static KernelSettings secure(KernelSettings s, TransportSecurity security) {
    return TestNodes.withSecurity(s, security);
  }
}
