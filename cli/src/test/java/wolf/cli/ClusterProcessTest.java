package wolf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wolf.cli.local.LocalCluster;

/**
 * Three node JVMs ({@code wolfscale start}, and {@code join} for the third) on loopback with TLS
 * between them, observed only through {@code wolfctl} and the HTTP API, as an operator would.
 */
class ClusterProcessTest {
  @TempDir Path dir;

  @Test
  void threeNodesFormRefuseAStrangerAndFailOverWithin3Seconds() throws Exception {
    try (LocalCluster c = LocalCluster.create(dir, "proc", 3, List.of("-Xmx192m"))) {
      c.start(0, true);
      c.start(1, false);
      c.join(2, c.node(0).clusterAddress());
      assertEquals("node-1", c.awaitFormed(Duration.ofSeconds(90)));

      CommandsTest.Run list =
          CommandsTest.run(new WolfCtlMain(), "list", "servers", "--api", c.node(2).apiUrl());
      assertEquals(0, list.code(), list.err());
      for (String id : List.of("node-1", "node-2", "node-3")) {
        assertTrue(list.out().contains(id), list.out());
      }
      assertTrue(list.out().contains("leader node-1"), list.out());

      // A node with other key material cannot join, and the cluster does not notice it.
      LocalCluster.Node stranger = c.stranger("node-0");
      Process p = c.launch(stranger, false);
      try {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until && c.status(stranger).isEmpty()) {
          Thread.sleep(200);
        }
        assertTrue(
            c.status(stranger).isPresent(),
            "the stranger never served its API:\n" + c.logTail(stranger));
        // Its TLS handshakes fail; give it several join attempts' worth of time.
        long watch = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < watch) {
          c.status(stranger)
              .ifPresent(st -> assertFalse(st.path("joined").asBoolean(), st.toString()));
          Thread.sleep(200);
        }
        assertTrue(c.logTail(stranger).contains("SSLHandshakeException"), c.logTail(stranger));
        assertEquals("node-1", c.awaitFormed(Duration.ofSeconds(5)));
        for (int i = 0; i < 3; i++) {
          JsonNode s = c.status(c.node(i)).orElseThrow();
          assertEquals(3, s.path("members").size(), s.toString());
        }
      } finally {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }

      long t0 = System.nanoTime();
      c.kill(0);
      long deadline = t0 + Duration.ofSeconds(3).toNanos();
      while (System.nanoTime() < deadline
          && !(c.leaderSeenBy(1).equals(Optional.of("node-2"))
              && c.leaderSeenBy(2).equals(Optional.of("node-2")))) {
        Thread.sleep(10);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      CommandsTest.Run after =
          CommandsTest.run(new WolfCtlMain(), "list", "servers", "--api", c.node(2).apiUrl());
      assertTrue(
          after.out().contains("leader node-2"),
          "no new leader within 3 s (" + ms + " ms):\n" + after.out());
      System.out.println("process-level failover: new leader on all survivors after " + ms + " ms");
    }
  }
}
