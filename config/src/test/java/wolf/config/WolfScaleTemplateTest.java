package wolf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WolfScaleTemplateTest {
  private static final List<HostPort> PEERS =
      List.of(HostPort.parse("10.0.0.1:7654"), HostPort.parse("[fd00::2]:7654"));

  @Test
  void templateRoundTripsThroughParse(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("tls"));
    Files.writeString(dir.resolve("tls/node-3.p12"), "x");
    String toml =
        WolfScaleTemplate.render(
            "node-3",
            HostPort.parse("0.0.0.0:7654"),
            "shop",
            Path.of("data"),
            Path.of("tls/node-3.p12"),
            "pa\"ss\\word",
            PEERS);

    WolfScaleConfig config = WolfScaleConfig.parse(toml, dir.resolve("wolfscale.toml"));

    assertEquals("node-3", config.node().id());
    assertEquals(HostPort.parse("0.0.0.0:7654"), config.node().bindAddress());
    assertEquals(dir.resolve("data"), config.node().dataDir());
    assertEquals("shop", config.cluster().clusterName());
    assertEquals(PEERS, config.cluster().peers());
    assertEquals(false, config.cluster().bootstrap());
    assertEquals(Optional.of(dir.resolve("tls/node-3.p12")), config.security().keyStore());
    assertEquals("pa\"ss\\word", config.security().keyStorePassword());
    assertEquals(new WalSettings(1000, 1, true, 64, 168, true), config.wal());
  }

  @Test
  void theFirstNodeBootstraps(@TempDir Path dir) throws Exception {
    Path keyStore = Files.writeString(dir.resolve("n1.p12"), "x");
    String toml =
        WolfScaleTemplate.render(
            "n1", HostPort.parse("10.0.0.1:7654"), "wolfscale", dir, keyStore, "", List.of());
    assertTrue(WolfScaleConfig.parse(toml, dir.resolve("wolfscale.toml")).cluster().bootstrap());
  }

  @Test
  void templateShowsEveryKeyWithItsDocumentation() {
    String toml =
        WolfScaleTemplate.render(
            "n1", HostPort.parse("10.0.0.1:7654"), "c", Path.of("/d"), Path.of("/k"), "", PEERS);
    List<String> lines = toml.lines().toList();
    for (Key<?> key : WolfScaleSchema.SCHEMA.keys()) {
      assertTrue(
          lines.stream()
              .anyMatch(
                  l -> l.startsWith(key.name() + " = ") || l.startsWith("# " + key.name() + " = ")),
          () -> key + " is missing from the template");
      String firstWords = key.doc().substring(0, Math.min(30, key.doc().length()));
      assertTrue(toml.contains(firstWords), () -> key + " has no documentation in the template");
    }
    assertTrue(lines.contains("# batch_size = 1000"), "defaults stay commented out");
    assertTrue(lines.contains("id = \"n1\""));
  }

  @Test
  void referenceDocsMatchTheSchema() throws Exception {
    Path docs = Path.of("../docs/CONFIG-wolfscale.md");
    String text = Files.readString(docs);
    assertTrue(
        text.contains(SchemaDocs.markdown(WolfScaleSchema.SCHEMA)),
        "docs/CONFIG-wolfscale.md is out of date; paste SchemaDocs.markdown(WolfScaleSchema.SCHEMA)");
  }
}
