package wolf.config;

import static wolf.config.WolfScaleSchema.DB_DATABASE;
import static wolf.config.WolfScaleSchema.DB_HOST;
import static wolf.config.WolfScaleSchema.DB_PASSWORD;
import static wolf.config.WolfScaleSchema.DB_POOL_SIZE;
import static wolf.config.WolfScaleSchema.DB_PORT;
import static wolf.config.WolfScaleSchema.DB_USER;

import java.util.Objects;

/**
 * {@code [database]}: this node's local MariaDB. Keys are documented in {@link WolfScaleSchema};
 * {@code database} is empty for "no default schema". {@link #toString} hides the password.
 * Immutable.
 */
public record DatabaseSettings(
    String host, int port, String user, String password, String database, int poolSize) {
  public DatabaseSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(database, "database");
  }

  static DatabaseSettings from(TomlReader in) {
    return new DatabaseSettings(
        in.get(DB_HOST),
        in.get(DB_PORT),
        in.get(DB_USER),
        in.get(DB_PASSWORD),
        in.get(DB_DATABASE),
        in.get(DB_POOL_SIZE));
  }

  @Override
  public String toString() {
    return "DatabaseSettings[host=%s, port=%d, user=%s, password=%s, database=%s, poolSize=%d]"
        .formatted(host, port, user, password.isEmpty() ? "" : "***", database, poolSize);
  }
}
