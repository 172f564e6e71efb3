package wolf.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys a TOML file may hold, grouped into one-level sections ({@code [node]}, {@code [wal]}).
 * Anything else in a file is an error, with a spelling suggestion when one is close.
 *
 * <p>Keys and sections keep the order given, which is the order of templates and docs. Immutable
 * and thread-safe.
 */
public final class Schema {
  private final Map<String, Map<String, Key<?>>> sections = new LinkedHashMap<>();

  private Schema(List<Key<?>> keys) {
    for (Key<?> key : keys) {
      Map<String, Key<?>> section =
          sections.computeIfAbsent(key.section(), s -> new LinkedHashMap<>());
      if (section.putIfAbsent(key.name(), key) != null) {
        throw new IllegalArgumentException("duplicate key " + key.path());
      }
    }
  }

  /** A schema of {@code keys}; sections appear in the order their first key does. */
  public static Schema of(List<Key<?>> keys) {
    return new Schema(keys);
  }

  /** The section names, in order. */
  public Set<String> sections() {
    return Collections.unmodifiableSet(sections.keySet());
  }

  /** The keys of {@code section}, in order; empty for an unknown section. */
  public List<Key<?>> keys(String section) {
    return List.copyOf(sections.getOrDefault(section, Map.of()).values());
  }

  /** Every key, section by section. */
  public List<Key<?>> keys() {
    List<Key<?>> all = new ArrayList<>();
    sections.values().forEach(section -> all.addAll(section.values()));
    return all;
  }

  /** True if {@code key} itself (not just a key with the same path) belongs to this schema. */
  public boolean contains(Key<?> key) {
    return sections.getOrDefault(key.section(), Map.of()).get(key.name()) == key;
  }

  /** Reports every top-level entry and section entry that this schema does not know. */
  void checkStructure(ObjectNode root, TomlReader reader) {
    root.properties()
        .forEach(
            top -> {
              String name = top.getKey();
              JsonNode value = top.getValue();
              Map<String, Key<?>> section = sections.get(name);
              if (section != null && value.isObject()) {
                value.properties().forEach(entry -> checkKey(name, entry.getKey(), reader));
              } else if (section != null) {
                reader.problem(
                    name, "expected a table [" + name + "], got " + ValueTypes.describeNode(value));
              } else if (value.isObject()) {
                reader.problem(
                    name,
                    "unknown section ["
                        + name
                        + "]"
                        + Spelling.closest(name, sections.keySet())
                            .map(s -> "; did you mean [" + s + "]?")
                            .orElse("; known sections: " + String.join(", ", sections.keySet())));
              } else {
                reader.problem(
                    name,
                    "keys belong in a section"
                        + homeOf(name)
                            .map(s -> "; did you mean [" + s + "] " + name + "?")
                            .orElse(""));
              }
            });
  }

  private void checkKey(String section, String key, TomlReader reader) {
    Collection<String> known = sections.get(section).keySet();
    if (known.contains(key)) {
      return;
    }
    Optional<String> hint =
        Spelling.closest(key, known)
            .map(k -> "; did you mean '" + k + "'?")
            .or(() -> homeOf(key).map(s -> "; did you mean [" + s + "] " + key + "?"));
    reader.problem(section + "." + key, "unknown key" + hint.orElse(""));
  }

  private Optional<String> homeOf(String key) {
    return sections.entrySet().stream()
        .filter(e -> e.getValue().containsKey(key))
        .map(Map.Entry::getKey)
        .findFirst();
  }
}
