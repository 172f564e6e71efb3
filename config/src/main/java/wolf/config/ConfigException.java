package wolf.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file was rejected. Carries every problem found, not just the first, so an
 * operator can fix the file in one pass. Not retryable: the file has to change.
 */
public final class ConfigException extends Exception {
  private final List<ConfigProblem> problems;

  /** Creates an exception; {@code problems} must not be empty. */
  public ConfigException(List<ConfigProblem> problems) {
    super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems in the order they were found; never empty. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
