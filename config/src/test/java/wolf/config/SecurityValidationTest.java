package wolf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wolf.config.Fixtures.onlyProblem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityValidationTest {
  @Test
  void plainTcpIsRefusedOffLoopback() {
    ConfigProblem problem =
        onlyProblem(
            "[node]\nid = \"n1\"\nbind_address = \"0.0.0.0:7654\"\n[security]\ntransport = \"tcp\"\n");
    assertEquals("security.transport", problem.key());
    assertEquals(
        "\"tcp\" sends cluster traffic unencrypted and is for loopback development only, but"
            + " node.bind_address is 0.0.0.0:7654; use \"tls\"",
        problem.reason());
  }

  @Test
  void plainTcpIsRefusedWhenAdvertisingANonLoopbackAddress() {
    ConfigProblem problem =
        onlyProblem(
            """
            [node]
            id = "n1"
            bind_address = "127.0.0.1:7654"
            advertise_address = "10.0.0.5:7654"
            [security]
            transport = "tcp"
            """);
    assertTrue(
        problem.reason().contains("node.advertise_address is 10.0.0.5:7654"), problem::toString);
  }

  @Test
  void tlsWithoutKeyMaterialPointsAtWolfscaleInit() {
    ConfigProblem problem = onlyProblem("[node]\nid = \"n1\"\n");
    assertEquals("security.key_store", problem.key());
    assertTrue(problem.reason().contains("`wolfscale init` creates one"), problem::toString);
  }

  @Test
  void configuredKeyFilesMustExist(@TempDir Path dir) {
    List<ConfigProblem> problems =
        problems("[node]\nid = \"n1\"\n[security]\nkey_store = \"tls/n1.p12\"\n", dir);
    assertEquals(1, problems.size(), problems::toString);
    assertEquals("security.key_store", problems.get(0).key());
    assertEquals("file not found: " + dir.resolve("tls/n1.p12"), problems.get(0).reason());
  }

  @Test
  void pemFilesComeAsATriple(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("node.crt"), "x");
    List<ConfigProblem> problems =
        problems("[node]\nid = \"n1\"\n[security]\ncert_file = \"node.crt\"\n", dir);
    assertEquals(
        List.of("security.key_file", "security.ca_file"), WolfScaleValidationTest.keys(problems));
    assertEquals(
        "is required because cert_file is set (or use key_store)", problems.get(0).reason());
  }

  @Test
  void keyStoreAndPemFilesAreExclusive(@TempDir Path dir) throws Exception {
    for (String name : List.of("n1.p12", "node.crt", "node.key", "ca.crt")) {
      Files.writeString(dir.resolve(name), "x");
    }
    String toml =
        """
        [node]
        id = "n1"
        [security]
        key_store = "n1.p12"
        cert_file = "node.crt"
        key_file = "node.key"
        ca_file = "ca.crt"
        """;
    List<ConfigProblem> problems = problems(toml, dir);
    assertEquals(List.of("security.key_store"), WolfScaleValidationTest.keys(problems));
  }

  @Test
  void aWildcardBindIsFineWithTls(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("n1.p12"), "x");
    String toml =
        "[node]\nid = \"n1\"\nbind_address = \"[::]:7654\"\n[security]\nkey_store = \"n1.p12\"\n";
    WolfScaleConfig config = WolfScaleConfig.parse(toml, dir.resolve("wolfscale.toml"));
    assertTrue(config.node().bindAddress().isWildcard());
  }

  private static List<ConfigProblem> problems(String toml, Path dir) {
    return assertThrows(
            ConfigException.class, () -> WolfScaleConfig.parse(toml, dir.resolve("wolfscale.toml")))
        .problems();
  }
}
