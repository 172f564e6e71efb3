package wolf.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A validated {@code wolfscale.toml}. Loading reports every problem in the file at once, each with
 * file, dotted key and reason; a config that loads satisfies every rule in {@link WolfScaleSchema}
 * and {@link WolfScaleChecks}, and its relative paths have been resolved against the file's
 * directory. Immutable and thread-safe.
 */
public record WolfScaleConfig(
    Path source,
    NodeSettings node,
    DatabaseSettings database,
    WalSettings wal,
    ClusterSettings cluster,
    ApiSettings api,
    ProxySettings proxy,
    SecuritySettings security) {
  public WolfScaleConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(wal, "wal");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(security, "security");
  }

  /**
   * Reads and validates {@code file} (UTF-8). {@link #source} is the file's absolute path.
   *
   * @throws ConfigException listing every problem, or one {@code (file)} problem when the file
   *     cannot be read
   */
  public static WolfScaleConfig load(Path file) throws ConfigException {
    Path source = file.toAbsolutePath().normalize();
    String text;
    try {
      text = Files.readString(source);
    } catch (NoSuchFileException e) {
      throw fileProblem(source, "file not found");
    } catch (MalformedInputException e) {
      throw fileProblem(source, "not valid UTF-8");
    } catch (IOException e) {
      throw fileProblem(source, "cannot read: " + e);
    }
    return parse(text, source);
  }

  /**
   * Validates TOML text as if read from {@code nameForMessages}, which names the file in problems
   * and anchors relative paths; it need not exist.
   *
   * @throws ConfigException listing every problem
   */
  public static WolfScaleConfig parse(String toml, Path nameForMessages) throws ConfigException {
    TomlReader in = TomlReader.parse(toml, nameForMessages, WolfScaleSchema.SCHEMA);
    in.readAll();
    WolfScaleChecks.run(in);
    in.throwIfProblems();
    return new WolfScaleConfig(
        nameForMessages,
        NodeSettings.from(in),
        DatabaseSettings.from(in),
        WalSettings.from(in),
        ClusterSettings.from(in),
        ApiSettings.from(in),
        ProxySettings.from(in),
        SecuritySettings.from(in));
  }

  private static ConfigException fileProblem(Path file, String reason) {
    return new ConfigException(List.of(new ConfigProblem(file.toString(), "(file)", reason)));
  }
}
