package wolf.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The value types settings are made of. Every type returned is immutable and thread-safe. */
public final class ValueTypes {
  private ValueTypes() {}

  /** A TOML integer within {@code min..max} inclusive. */
  public static ValueType<Integer> integer(int min, int max) {
    return new Simple<>(
        "integer, " + min + ".." + max,
        (node, key, reader) -> {
          if (!node.isIntegralNumber()) {
            return expected(reader, key, "an integer", node);
          }
          BigInteger value = node.bigIntegerValue();
          if (value.compareTo(BigInteger.valueOf(min)) < 0
              || value.compareTo(BigInteger.valueOf(max)) > 0) {
            reader.problem(key, "must be between " + min + " and " + max + ", got " + value);
            return null;
          }
          return value.intValue();
        },
        String::valueOf);
  }

  /** A TOML boolean. */
  public static ValueType<Boolean> bool() {
    return new Simple<>(
        "boolean",
        (node, key, reader) ->
            node.isBoolean() ? node.booleanValue() : expected(reader, key, "true or false", node),
        String::valueOf);
  }

  /** Any TOML string, the empty one included. */
  public static ValueType<String> string() {
    return new Simple<>("string", ValueTypes::text, ValueTypes::quote);
  }

  /** A TOML string matching {@code pattern} in full; {@code rule} says the pattern in words. */
  public static ValueType<String> string(Pattern pattern, String rule) {
    return new Simple<>(
        "string, " + rule,
        (node, key, reader) -> {
          String text = text(node, key, reader);
          if (text != null && !pattern.matcher(text).matches()) {
            reader.problem(key, "must be " + rule + ", got " + quote(text));
            return null;
          }
          return text;
        },
        ValueTypes::quote);
  }

  /** A string naming a constant of {@code type} in lower case: {@code "quorum"}. */
  public static <E extends Enum<E>> ValueType<E> enumeration(Class<E> type) {
    List<E> values = Arrays.asList(type.getEnumConstants());
    String allowed = values.stream().map(v -> quote(tomlName(v))).collect(Collectors.joining(", "));
    return new Simple<>(
        "one of " + allowed,
        (node, key, reader) -> {
          String text = text(node, key, reader);
          if (text == null) {
            return null;
          }
          for (E value : values) {
            if (tomlName(value).equals(text)) {
              return value;
            }
          }
          String hint =
              text.equals(text.toLowerCase(Locale.ROOT)) ? "" : " (values are lower case)";
          reader.problem(key, "must be one of " + allowed + ", got " + quote(text) + hint);
          return null;
        },
        value -> quote(tomlName(value)));
  }

  /** A string {@code "host:port"} or {@code "[ipv6]:port"}; see {@link HostPort#parse}. */
  public static ValueType<HostPort> hostPort() {
    return new Simple<>(
        "\"host:port\"",
        (node, key, reader) -> {
          String text = text(node, key, reader);
          if (text == null) {
            return null;
          }
          try {
            return HostPort.parse(text);
          } catch (IllegalArgumentException e) {
            reader.problem(key, "invalid address " + quote(text) + ": " + e.getMessage());
            return null;
          }
        },
        value -> quote(value.toString()));
  }

  /** A non-empty path string; a relative path resolves against the file's directory. */
  public static ValueType<Path> path() {
    return new Simple<>(
        "path, relative to this file's directory",
        (node, key, reader) -> {
          String text = text(node, key, reader);
          if (text == null) {
            return null;
          }
          try {
            if (text.isEmpty()) {
              throw new InvalidPathException(text, "empty path");
            }
            return reader.baseDir().resolve(text).normalize();
          } catch (InvalidPathException e) {
            reader.problem(key, "invalid path " + quote(text) + ": " + e.getReason());
            return null;
          }
        },
        value -> quote(value.toString()));
  }

  /** A TOML array of {@code element}; problems name the index, {@code cluster.peers[2]}. */
  public static <E> ValueType<List<E>> list(ValueType<E> element) {
    return new Simple<>(
        "array of " + element.describe(),
        (node, key, reader) -> {
          if (!node.isArray()) {
            return expected(reader, key, "an array", node);
          }
          List<E> values = new ArrayList<>();
          boolean ok = true;
          for (int i = 0; i < node.size(); i++) {
            E value = element.read(node.get(i), key + "[" + i + "]", reader);
            ok &= value != null;
            values.add(value);
          }
          return ok ? List.copyOf(values) : null;
        },
        values -> values.stream().map(element::toToml).collect(Collectors.joining(", ", "[", "]")));
  }

  /** A TOML basic string holding {@code s}, escaped as the TOML spec requires. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** What a user wrote, for "expected X, got Y" messages: {@code a string "abc"}. */
  static String describeNode(JsonNode node) {
    if (node.isTextual()) {
      String text = node.textValue();
      return "a string " + quote(text.length() > 40 ? text.substring(0, 40) + "..." : text);
    } else if (node.isIntegralNumber()) {
      return "an integer " + node.asText();
    } else if (node.isNumber()) {
      return "a float " + node.asText();
    } else if (node.isBoolean()) {
      return "a boolean " + node.asText();
    } else if (node.isArray()) {
      return "an array";
    } else if (node.isObject()) {
      return "a table";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String tomlName(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static String text(JsonNode node, String key, TomlReader reader) {
    return node.isTextual() ? node.textValue() : expected(reader, key, "a string", node);
  }

  private static <T> T expected(TomlReader reader, String key, String what, JsonNode node) {
    reader.problem(key, "expected " + what + ", got " + describeNode(node));
    return null;
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(JsonNode node, String key, TomlReader reader);
  }

  private record Simple<T>(String description, Reader<T> reader, Function<T, String> writer)
      implements ValueType<T> {
    @Override
    public T read(JsonNode node, String key, TomlReader in) {
      return reader.read(node, key, in);
    }

    @Override
    public String describe() {
      return description;
    }

    @Override
    public String toToml(T value) {
      return writer.apply(value);
    }
  }
}
