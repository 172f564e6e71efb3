package wolf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wolf.config.Fixtures.FILE;
import static wolf.config.Fixtures.LOOPBACK;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WolfScaleConfigTest {
  @Test
  void defaultsAreAppliedToEveryKeyNotWritten() throws ConfigException {
    WolfScaleConfig config = WolfScaleConfig.parse(LOOPBACK, FILE);

    assertEquals(FILE, config.source());
    assertEquals(
        new NodeSettings(
            "n1",
            HostPort.parse("127.0.0.1:7654"),
            Path.of("/var/lib/wolfscale"),
            Optional.empty()),
        config.node());
    assertEquals(new DatabaseSettings("127.0.0.1", 3306, "root", "", "", 10), config.database());
    assertEquals(new WalSettings(1000, 1, true, 64, 168, true), config.wal());
    assertEquals(
        new ClusterSettings(
            List.of(),
            false,
            false,
            "wolfscale",
            300,
            1200,
            CommitMode.QUORUM,
            0,
            HostPort.parse("255.255.255.255:7655"),
            1000),
        config.cluster());
    assertEquals(new ApiSettings(true, HostPort.parse("0.0.0.0:8080"), ""), config.api());
    assertEquals(new ProxySettings(false, HostPort.parse("0.0.0.0:3307")), config.proxy());
    assertEquals(TransportMode.TCP, config.security().transport());
    assertTrue(config.security().keyStore().isEmpty());
  }

  @Test
  void everyWrittenValueIsRead(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("pem"));
    for (String name : List.of("node.crt", "node.key", "ca.crt")) {
      Files.writeString(dir.resolve("pem").resolve(name), "-----BEGIN-----");
    }
    String toml =
        """
        [node]
        id = "db-2.eu"
        bind_address = "0.0.0.0:9000"
        data_dir = "/srv/wolf"
        advertise_address = "[fd00::2]:9000"
        [database]
        host = "db.local"
        port = 3307
        user = "wolf"
        password = "s3cret"
        database = "shop"
        pool_size = 4
        [wal]
        batch_size = 50
        flush_interval_ms = 0
        compression = false
        segment_size_mb = 8
        retention_hours = 0
        fsync = false
        [cluster]
        peers = ["10.0.0.1:9000", "[fd00::3]:9000"]
        bootstrap = true
        auto_discovery = true
        cluster_name = "shop_eu-1"
        heartbeat_interval_ms = 100
        election_timeout_ms = 200
        commit_mode = "all"
        discovery_address = "10.0.255.255:9001"
        discovery_interval_ms = 250
        [api]
        enabled = false
        bind_address = "127.0.0.1:9080"
        token = "t0ken"
        [proxy]
        enabled = true
        bind_address = "0.0.0.0:3308"
        [security]
        cert_file = "pem/node.crt"
        key_file = "pem/node.key"
        ca_file = "pem/ca.crt"
        """;
    WolfScaleConfig c = WolfScaleConfig.parse(toml, dir.resolve("wolfscale.toml"));

    assertEquals(
        new NodeSettings(
            "db-2.eu",
            HostPort.parse("0.0.0.0:9000"),
            Path.of("/srv/wolf"),
            Optional.of(HostPort.parse("[fd00::2]:9000"))),
        c.node());
    assertEquals(new DatabaseSettings("db.local", 3307, "wolf", "s3cret", "shop", 4), c.database());
    assertEquals(new WalSettings(50, 0, false, 8, 0, false), c.wal());
    assertEquals(
        new ClusterSettings(
            List.of(HostPort.parse("10.0.0.1:9000"), HostPort.parse("[fd00::3]:9000")),
            true,
            true,
            "shop_eu-1",
            100,
            200,
            CommitMode.ALL,
            0,
            HostPort.parse("10.0.255.255:9001"),
            250),
        c.cluster());
    assertEquals(new ApiSettings(false, HostPort.parse("127.0.0.1:9080"), "t0ken"), c.api());
    assertEquals(new ProxySettings(true, HostPort.parse("0.0.0.0:3308")), c.proxy());
    assertEquals(
        new SecuritySettings(
            TransportMode.TLS,
            Optional.empty(),
            "",
            Optional.of(dir.resolve("pem/node.crt")),
            Optional.of(dir.resolve("pem/node.key")),
            Optional.of(dir.resolve("pem/ca.crt"))),
        c.security());
  }

  @Test
  void relativePathsResolveAgainstTheFilesDirectory(@TempDir Path dir) throws Exception {
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.createDirectories(etc.resolve("tls"));
    Files.writeString(etc.resolve("tls/n1.p12"), "not really a key store");
    Path file = etc.resolve("wolfscale.toml");
    Files.writeString(
        file,
        """
        [node]
        id = "n1"
        data_dir = "../data/wolfscale"
        [security]
        key_store = "tls/n1.p12"
        """);

    WolfScaleConfig config = WolfScaleConfig.load(file);

    assertEquals(dir.resolve("data/wolfscale"), config.node().dataDir());
    assertEquals(Optional.of(etc.resolve("tls/n1.p12")), config.security().keyStore());
    assertEquals(file, config.source());
  }

  @Test
  void loadNamesAFileThatCannotBeRead(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("absent.toml");
    ConfigException e = assertThrows(ConfigException.class, () -> WolfScaleConfig.load(missing));
    assertEquals(missing + ": (file): file not found", e.getMessage());

    Path latin1 = dir.resolve("latin1.toml");
    Files.write(latin1, "[node]\nid = \"n\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1));
    e = assertThrows(ConfigException.class, () -> WolfScaleConfig.load(latin1));
    assertEquals(latin1 + ": (file): not valid UTF-8", e.getMessage());
  }

  @Test
  void secretsStayOutOfToString() throws ConfigException {
    String toml =
        Fixtures.loopbackWith(
            """
            [database]
            password = "db-pass-123"
            [api]
            token = "api-token-456"
            """);
    String printed = WolfScaleConfig.parse(toml, FILE).toString();
    assertFalse(printed.contains("db-pass-123"), printed);
    assertFalse(printed.contains("api-token-456"), printed);
  }
}
