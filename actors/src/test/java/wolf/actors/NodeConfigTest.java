package wolf.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import wolf.actors.KernelSettings.TransportSecurity;

class NodeConfigTest {

  @Test
  void derivesClusterSettings() {
    Config c = NodeConfig.of(TestNodes.settings("alpha", "node-2", List.of(), true));
    assertEquals("cluster", c.getString("pekko.actor.provider"));
    assertEquals(List.of(TestNodes.ROLE, "id:node-2"), c.getStringList("pekko.cluster.roles"));
    assertEquals(
        "jackson-cbor",
        c.getString("pekko.actor.serialization-bindings.\"wolf.actors.CborSerializable\""));
    assertEquals(false, c.getBoolean("pekko.actor.allow-java-serialization"));
    assertEquals(
        Duration.ofMillis(1200),
        c.getDuration("pekko.cluster.failure-detector.acceptable-heartbeat-pause"));
    assertEquals(
        "keep-majority", c.getString("pekko.cluster.split-brain-resolver.active-strategy"));
    assertEquals("tcp", c.getString("pekko.remote.artery.transport"));
    assertEquals("127.0.0.1", c.getString("pekko.remote.artery.canonical.hostname"));
    assertEquals(0, c.getInt("pekko.remote.artery.canonical.port"));
    assertEquals("", c.getString("pekko.remote.artery.bind.port"));
    assertEquals(false, c.getBoolean("pekko.coordinated-shutdown.run-by-actor-system-terminate"));
  }

  @Test
  void advertisedAddressDiffersFromBind() {
    KernelSettings s = TestNodes.settings("alpha", "n", List.of(), true);
    s = s.withAddresses("0.0.0.0", 7355, "10.1.2.3", 17355);
    Config c = NodeConfig.of(s);
    assertEquals("10.1.2.3", c.getString("pekko.remote.artery.canonical.hostname"));
    assertEquals(17355, c.getInt("pekko.remote.artery.canonical.port"));
    assertEquals("0.0.0.0", c.getString("pekko.remote.artery.bind.hostname"));
    assertEquals("7355", c.getString("pekko.remote.artery.bind.port"));
  }

  @Test
  void wildcardBindNeedsAnAdvertisedHost() {
    KernelSettings s = TestNodes.settings("alpha", "n", List.of(), true);
    KernelSettings wildcard = s.withAddresses("0.0.0.0", 7355, "", 0);
    assertThrows(IllegalArgumentException.class, () -> NodeConfig.of(wildcard));
  }

  @Test
  void tlsWithoutKeysIsRejected() {
    TransportSecurity none =
        new TransportSecurity(
            true, Optional.empty(), "", Optional.empty(), Optional.empty(), Optional.empty());
    KernelSettings s = TestNodes.withSecurity(TestNodes.settings("a", "n", List.of(), true), none);
    assertThrows(IllegalArgumentException.class, () -> NodeConfig.of(s));
    KernelSettings missing =
        TestNodes.withSecurity(
            TestNodes.settings("a", "n", List.of(), true),
            TransportSecurity.keyStore(Path.of("/nonexistent/wolf.p12"), "secret"));
    assertThrows(IllegalArgumentException.class, () -> NodeConfig.of(missing));
  }
}
