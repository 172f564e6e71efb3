package wolf.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file.
 *
 * @param file the file as named to the loader
 * @param key the dotted key, with an index for array elements ({@code cluster.peers[2]}), a section
 *     name for section-level problems, or {@code (syntax)} / {@code (file)} when no key applies
 * @param reason a sentence for a human, without the file or key
 */
public record ConfigProblem(String file, String key, String reason) {
  public ConfigProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return file + ": " + key + ": " + reason;
  }
}
