package wolf.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pass over one TOML file against a {@link Schema}: reads typed values and collects every
 * problem instead of stopping at the first. A tool's loader calls {@link #readAll}, adds its own
 * cross-key checks through {@link #problem}, calls {@link #throwIfProblems}, and only then builds
 * its settings records, so records never see a bad or missing value.
 *
 * <p>Each key is converted once and remembered, so checks may call {@link #get} freely without
 * repeating a problem. Not thread-safe: one reader per load, on one thread.
 */
public final class TomlReader {
  private static final TomlMapper MAPPER = new TomlMapper();
  private static final Object INVALID = new Object();

  private final String file;
  private final Path baseDir;
  private final Schema schema;
  private final ObjectNode root;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Map<Key<?>, Object> values = new HashMap<>();

  private TomlReader(String file, Path baseDir, Schema schema, ObjectNode root) {
    this.file = file;
    this.baseDir = baseDir;
    this.schema = schema;
    this.root = root;
  }

  /**
   * Parses {@code toml} and checks it for unknown sections and keys, which become problems.
   *
   * @param source names the file in problems; relative paths resolve against its directory
   * @throws ConfigException with the single problem {@code (syntax)}, giving line and column, when
   *     the text is not TOML; nothing else is checked then, since nothing else can be read
   */
  public static TomlReader parse(String toml, Path source, Schema schema) throws ConfigException {
    Path absolute = source.toAbsolutePath().normalize();
    Path baseDir = absolute.getParent() != null ? absolute.getParent() : absolute;
    JsonNode tree;
    try {
      tree = MAPPER.readTree(toml);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where =
          at != null ? "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " : "";
      throw new ConfigException(
          List.of(
              new ConfigProblem(source.toString(), "(syntax)", where + e.getOriginalMessage())));
    }
    ObjectNode root = tree instanceof ObjectNode object ? object : MAPPER.createObjectNode();
    TomlReader reader = new TomlReader(source.toString(), baseDir, schema, root);
    schema.checkStructure(root, reader);
    return reader;
  }

  /** The file as named in problems. */
  public String file() {
    return file;
  }

  /** The absolute directory relative paths in the file resolve against. */
  public Path baseDir() {
    return baseDir;
  }

  /** Converts every key of the schema, so that all type and range problems are collected. */
  public void readAll() {
    schema.keys().forEach(this::get);
  }

  /**
   * The value of {@code key}: as written, else its default, else null for an optional key. Null
   * too, with a problem recorded, when the value is bad or a required key is missing.
   *
   * @throws IllegalArgumentException if {@code key} is not part of this reader's schema
   */
  @SuppressWarnings("unchecked")
  public <T> T get(Key<T> key) {
    if (!schema.contains(key)) {
      throw new IllegalArgumentException(key + " is not in the schema");
    }
    if (!values.containsKey(key)) {
      T converted = convert(key);
      values.put(key, converted != null ? converted : INVALID);
    }
    Object value = values.get(key);
    return value == INVALID ? null : (T) value;
  }

  /** True if the file writes {@code key}, whether or not its value is good. */
  public boolean isSet(Key<?> key) {
    JsonNode section = root.get(key.section());
    return section != null && section.isObject() && section.has(key.name());
  }

  /** {@link #get} for keys where absent (or bad) reads as empty. */
  public <T> Optional<T> find(Key<T> key) {
    return Optional.ofNullable(get(key));
  }

  /** Records a problem with {@code key}, a dotted key or a section name. */
  public void problem(String key, String reason) {
    problems.add(new ConfigProblem(file, key, reason));
  }

  /** Records a problem with {@code key}. */
  public void problem(Key<?> key, String reason) {
    problem(key.path(), reason);
  }

  /** The problems so far, in the order found. */
  public List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }

  /** Throws a {@link ConfigException} holding every problem, if there is any. */
  public void throwIfProblems() throws ConfigException {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private <T> T convert(Key<T> key) {
    JsonNode section = root.get(key.section());
    JsonNode node = section != null && section.isObject() ? section.get(key.name()) : null;
    if (node != null) {
      return key.type().read(node, key.path(), this);
    }
    if (key.isRequired() && (section == null || section.isObject())) {
      problem(
          key,
          "required key is missing; add it to ["
              + key.section()
              + "], e.g. "
              + key.name()
              + " = "
              + key.example().orElse("..."));
    }
    return key.defaultValue().orElse(null);
  }
}
