package wolf.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a commented TOML file from a {@link Schema}: every section and key in schema order, each
 * key preceded by its documentation. Keys given a value with {@link #set} are written live; the
 * others appear commented out with their default (or example), so the file lists every knob without
 * pinning defaults. Not thread-safe; build one per rendering.
 */
public final class TomlTemplate {
  private static final int WIDTH = 100;

  private final Schema schema;
  private final List<String> header;
  private final Map<Key<?>, String> literals = new HashMap<>();

  private TomlTemplate(Schema schema, List<String> header) {
    this.schema = schema;
    this.header = List.copyOf(header);
  }

  /** A template of {@code schema} that starts with {@code header}, one comment line per entry. */
  public static TomlTemplate of(Schema schema, List<String> header) {
    return new TomlTemplate(schema, header);
  }

  /** Writes {@code key = value} live in the output. */
  public <T> TomlTemplate set(Key<T> key, T value) {
    if (!schema.contains(key)) {
      throw new IllegalArgumentException(key + " is not in the schema");
    }
    literals.put(key, key.type().toToml(value));
    return this;
  }

  /** The TOML text. */
  public String render() {
    StringBuilder out = new StringBuilder();
    header.forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
    for (String section : schema.sections()) {
      out.append("\n[").append(section).append("]\n");
      for (Key<?> key : schema.keys(section)) {
        out.append('\n');
        wrap(key.doc(), out);
        out.append("# ")
            .append(key.type().describe())
            .append("; ")
            .append(
                key.isRequired()
                    ? "required"
                    : key.defaultValue().isPresent() ? "default " + key.defaultText() : "optional")
            .append("; ")
            .append(key.agreement().text())
            .append('\n');
        String live = literals.get(key);
        if (live != null) {
          out.append(key.name()).append(" = ").append(live).append('\n');
        } else {
          String shown = key.example().orElseGet(key::defaultText);
          out.append("# ").append(key.name()).append(" = ").append(shown).append('\n');
        }
      }
    }
    return out.toString();
  }

  private static void wrap(String text, StringBuilder out) {
    StringBuilder line = new StringBuilder("#");
    for (String word : text.split("\\s+")) {
      if (line.length() + 1 + word.length() > WIDTH && line.length() > 1) {
        out.append(line).append('\n');
        line.setLength(0);
        line.append('#');
      }
      line.append(' ').append(word);
    }
    out.append(line).append('\n');
  }
}
