package wolf.config.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import wolf.config.ConfigException;
import wolf.config.HostPort;

class WolfNetConfigTest {
  private static final Path FILE = Path.of("/etc/wolfnet/wolfnet.toml");
  private static final String KEY = "a".repeat(43) + "=";

  @Test
  void theTemplateLoadsBackWithItsValuesAndDefaults() throws Exception {
    PeerEntry peer =
        new PeerEntry(
            "db",
            KEY,
            Optional.of(HostPort.parse("192.168.1.2:9600")),
            List.of("10.0.10.2/32", "192.168.50.0/24"),
            true,
            Optional.empty());
    String toml =
        WolfNetTemplate.render(
            OverlayAddress.parse("10.0.10.1/24"),
            9600,
            Path.of("private.key"),
            Path.of("state"),
            true,
            List.of(peer));
    WolfNetConfig c = WolfNetConfig.parse(toml, FILE);
    assertEquals("wolfnet0", c.name());
    assertEquals("10.0.10.1/24", c.address().toString());
    assertEquals(Path.of("/etc/wolfnet/private.key"), c.privateKeyFile());
    assertEquals(Path.of("/run/wolfnet/wolfnet0.sock"), c.controlSocket());
    assertEquals(List.of(peer), c.peers());
    assertTrue(c.gateway());
    assertEquals(1420, c.mtu());
  }

  @Test
  void peerTablesAtTheEndOfTheFileAreReadToo() throws Exception {
    String toml =
        "[interface]\naddress = \"10.0.10.3\"\n\n[[mesh.peers]]\npublic_key = \""
            + KEY
            + "\"\nallowed_ips = [\"10.0.10.1/32\"]\nendpoint = \"h1:9600\"\n";
    WolfNetConfig c = WolfNetConfig.parse(toml, FILE);
    assertEquals(24, c.address().prefixLength());
    assertEquals("10.0.10.1", c.peers().get(0).name());
    assertEquals(Optional.of(HostPort.parse("h1:9600")), c.peers().get(0).endpoint());
  }

  @Test
  void referenceDocsMatchTheSchema() throws Exception {
    String tables = wolf.config.SchemaDocs.markdown(WolfNetSchema.SCHEMA);
    java.nio.file.Files.writeString(Path.of("target/CONFIG-wolfnet.tables.md"), tables);
    assertTrue(
        java.nio.file.Files.readString(Path.of("../docs/CONFIG-wolfnet.md")).contains(tables),
        "docs/CONFIG-wolfnet.md is out of date; paste config/target/CONFIG-wolfnet.tables.md");
  }

  @Test
  void everyProblemIsReportedWithItsKey() {
    String toml =
        "[interface]\naddress = \"10.0.300.1/24\"\nmtu = 100\n"
            + "[mesh]\nkeepalive_seconds = 10\npeer_timeout_seconds = 5\n"
            + "peers = [{ public_key = \"short\", allowed_ips = [\"10.0.10.2/40\"], color = 1 }]\n"
            + "[gateway]\nroutes = [\"192.168.50.0\"]\n";
    ConfigException e = assertThrows(ConfigException.class, () -> WolfNetConfig.parse(toml, FILE));
    String keys = e.problems().stream().map(p -> p.key()).collect(Collectors.joining(" "));
    assertEquals(
        "interface.address interface.mtu mesh.peers[0].color mesh.peers[0].public_key"
            + " mesh.peers[0].allowed_ips[0] gateway.routes[0] mesh.peer_timeout_seconds",
        keys,
        e.getMessage());
  }
}
