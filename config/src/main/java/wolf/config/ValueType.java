package wolf.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one TOML value becomes a typed setting, and back. {@link ValueTypes} holds the usual ones; a
 * tool with an unusual value implements this.
 *
 * <p>Implementations must be stateless and thread-safe: one instance serves every load.
 */
public interface ValueType<T> {
  /**
   * Converts {@code node}. On bad input, reports through {@code reader.problem(key, ...)} and
   * returns null; never throws for bad input.
   *
   * @param key the dotted key to name in problems, with an index for array elements
   */
  T read(JsonNode node, String key, TomlReader reader);

  /** What the value looks like, for templates and docs: {@code "integer, 1..65535"}. */
  String describe();

  /** The TOML literal for {@code value}, such that {@link #read} gives it back. */
  String toToml(T value);
}
