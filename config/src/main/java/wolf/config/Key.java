package wolf.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One key of a TOML schema, {@code section.name}: how its value is read, its default, and its
 * documentation. The documentation lives here and nowhere else in code; templates ({@link
 * TomlTemplate}) and reference docs ({@link SchemaDocs}) are rendered from it.
 *
 * <p>A key is exactly one of: defaulted (has a default), required, or optional (absent means "not
 * set"). Immutable and thread-safe; keys compare by identity.
 */
public final class Key<T> {
  /** Whether nodes of one cluster may use different values. */
  public enum Agreement {
    UNIQUE("must differ on every node"),
    PER_NODE("may differ between nodes"),
    SHOULD_AGREE("should be the same on all nodes"),
    MUST_AGREE("must be the same on all nodes");

    private final String text;

    Agreement(String text) {
      this.text = text;
    }

    /** The rule in words, for templates and docs. */
    public String text() {
      return text;
    }
  }

  private final String section;
  private final String name;
  private final ValueType<T> type;
  private final T defaultValue;
  private final boolean required;
  private final String example;
  private final Agreement agreement;
  private final String doc;

  private Key(
      String path,
      ValueType<T> type,
      T defaultValue,
      boolean required,
      String example,
      Agreement agreement,
      String doc) {
    int dot = path.indexOf('.');
    if (dot <= 0 || dot != path.lastIndexOf('.') || dot == path.length() - 1) {
      throw new IllegalArgumentException("key path must be section.name: " + path);
    }
    this.section = path.substring(0, dot);
    this.name = path.substring(dot + 1);
    this.type = Objects.requireNonNull(type, "type");
    this.defaultValue = defaultValue;
    this.required = required;
    this.example = example;
    this.agreement = Objects.requireNonNull(agreement, "agreement");
    this.doc = Objects.requireNonNull(doc, "doc");
  }

  /** A key that takes {@code defaultValue} when absent. */
  public static <T> Key<T> of(
      String path, ValueType<T> type, T defaultValue, Agreement agreement, String doc) {
    Objects.requireNonNull(defaultValue, "defaultValue");
    return new Key<>(path, type, defaultValue, false, null, agreement, doc);
  }

  /** A key that must be present; {@code example} is a TOML literal shown in errors and docs. */
  public static <T> Key<T> required(
      String path, ValueType<T> type, String example, Agreement agreement, String doc) {
    return new Key<>(path, type, null, true, Objects.requireNonNull(example), agreement, doc);
  }

  /** A key with no default: absent means not set. {@code example} is a TOML literal for docs. */
  public static <T> Key<T> optional(
      String path, ValueType<T> type, String example, Agreement agreement, String doc) {
    return new Key<>(path, type, null, false, Objects.requireNonNull(example), agreement, doc);
  }

  public String section() {
    return section;
  }

  public String name() {
    return name;
  }

  /** The dotted path, {@code section.name}, as problems name it. */
  public String path() {
    return section + "." + name;
  }

  public ValueType<T> type() {
    return type;
  }

  /** The default; empty for required and optional keys. */
  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public boolean isRequired() {
    return required;
  }

  /** A TOML literal to show for a key without a default; empty for defaulted keys. */
  public Optional<String> example() {
    return Optional.ofNullable(example);
  }

  public Agreement agreement() {
    return agreement;
  }

  /** What the key means, with its unit; one or more sentences. */
  public String doc() {
    return doc;
  }

  /** The default as TOML, or {@code "(required)"} / {@code "(not set)"}. */
  public String defaultText() {
    if (defaultValue != null) {
      return type.toToml(defaultValue);
    }
    return required ? "(required)" : "(not set)";
  }

  @Override
  public String toString() {
    return path();
  }
}
