package wolf.config;

import static wolf.config.WolfScaleSchema.PROXY_BIND_ADDRESS;
import static wolf.config.WolfScaleSchema.PROXY_ENABLED;

import java.util.Objects;

/**
 * {@code [proxy]}: the MySQL-protocol proxy. Keys are documented in {@link WolfScaleSchema}.
 * Immutable.
 */
public record ProxySettings(boolean enabled, HostPort bindAddress) {
  public ProxySettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
  }

  static ProxySettings from(TomlReader in) {
    return new ProxySettings(in.get(PROXY_ENABLED), in.get(PROXY_BIND_ADDRESS));
  }
}
