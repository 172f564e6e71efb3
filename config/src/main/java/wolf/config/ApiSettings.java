package wolf.config;

import static wolf.config.WolfScaleSchema.API_BIND_ADDRESS;
import static wolf.config.WolfScaleSchema.API_ENABLED;
import static wolf.config.WolfScaleSchema.API_TOKEN;

import java.util.Objects;

/**
 * {@code [api]}: the HTTP API. {@code token} is empty when writes need no token; {@link #toString}
 * hides it. Keys are documented in {@link WolfScaleSchema}. Immutable.
 */
public record ApiSettings(boolean enabled, HostPort bindAddress, String token) {
  public ApiSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(token, "token");
  }

  static ApiSettings from(TomlReader in) {
    return new ApiSettings(in.get(API_ENABLED), in.get(API_BIND_ADDRESS), in.get(API_TOKEN));
  }

  @Override
  public String toString() {
    return "ApiSettings[enabled=%s, bindAddress=%s, token=%s]"
        .formatted(enabled, bindAddress, token.isEmpty() ? "" : "***");
  }
}
