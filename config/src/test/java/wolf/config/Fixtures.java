package wolf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

/** TOML snippets and assertions shared by the config tests. */
final class Fixtures {
  static final Path FILE = Path.of("/etc/wolfscale/wolfscale.toml");

  /** The smallest valid file: plain TCP is allowed because the node binds to loopback. */
  static final String LOOPBACK =
      """
      [node]
      id = "n1"
      bind_address = "127.0.0.1:7654"

      [security]
      transport = "tcp"
      """;

  private Fixtures() {}

  /**
   * {@link #LOOPBACK} plus further sections (not [node] or [security], which TOML forbids twice).
   */
  static String loopbackWith(String sections) {
    return LOOPBACK + "\n" + sections;
  }

  static List<ConfigProblem> problems(String toml) {
    return assertThrows(ConfigException.class, () -> WolfScaleConfig.parse(toml, FILE)).problems();
  }

  /** Asserts the file has exactly one problem, and returns it. */
  static ConfigProblem onlyProblem(String toml) {
    List<ConfigProblem> problems = problems(toml);
    assertEquals(1, problems.size(), () -> "expected one problem, got:\n" + problems);
    assertEquals(FILE.toString(), problems.get(0).file());
    return problems.get(0);
  }
}
