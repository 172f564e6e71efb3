package wolf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reusable layer on its own, as another tool (here a made-up disk tool) would use it. */
class SchemaTest {
  private static final Key<Integer> CHUNK_MB =
      Key.of(
          "disk.chunk_mb", ValueTypes.integer(1, 64), 4, Key.Agreement.MUST_AGREE, "Chunk size.");
  private static final Key<List<HostPort>> SEEDS =
      Key.of(
          "disk.seeds",
          ValueTypes.list(ValueTypes.hostPort()),
          List.of(),
          Key.Agreement.PER_NODE,
          "Seeds.");
  private static final Key<String> ROLE =
      Key.required("disk.role", ValueTypes.string(), "\"leader\"", Key.Agreement.PER_NODE, "Role.");
  private static final Schema SCHEMA = Schema.of(List.of(CHUNK_MB, SEEDS, ROLE));

  @Test
  void readsValuesAndDefaultsAndCollectsProblems() throws ConfigException {
    TomlReader in =
        TomlReader.parse("[disk]\nseeds = [\"a:1\", 7]\n", Path.of("disk.toml"), SCHEMA);
    in.readAll();

    assertEquals(4, in.get(CHUNK_MB));
    assertNull(in.get(SEEDS));
    assertEquals(
        List.of(
            "disk.toml: disk.seeds[1]: expected a string, got an integer 7",
            "disk.toml: disk.role: required key is missing; add it to [disk], e.g. role = \"leader\""),
        in.problems().stream().map(ConfigProblem::toString).toList());
  }

  @Test
  void eachKeyIsConvertedOnceSoProblemsAreNotRepeated() throws ConfigException {
    TomlReader in = TomlReader.parse("[disk]\nchunk_mb = 0\nrole = \"x\"\n", Path.of("d"), SCHEMA);
    in.readAll();
    in.get(CHUNK_MB);
    assertEquals(1, in.problems().size());
  }

  @Test
  void keysFromAnotherSchemaAreAProgrammingError() throws ConfigException {
    TomlReader in = TomlReader.parse("", Path.of("d"), SCHEMA);
    assertThrows(IllegalArgumentException.class, () -> in.get(WolfScaleSchema.NODE_ID));
  }

  @Test
  void spellingSuggestsOnlyClearWinners() {
    List<String> keys = List.of("port", "host", "pool_size");
    assertEquals("port", Spelling.closest("prot", keys).orElseThrow());
    assertEquals("pool_size", Spelling.closest("Pool-Size", keys).orElseThrow());
    assertEquals(List.of(), Spelling.closest("user", keys).stream().toList());
    assertEquals(List.of(), Spelling.closest("hort", keys).stream().toList());
  }
}
