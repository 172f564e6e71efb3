package wolf.config;

import static wolf.config.WolfScaleSchema.NODE_ADVERTISE_ADDRESS;
import static wolf.config.WolfScaleSchema.NODE_BIND_ADDRESS;
import static wolf.config.WolfScaleSchema.NODE_DATA_DIR;
import static wolf.config.WolfScaleSchema.NODE_ID;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code [node]}: who this node is and where it listens. Keys are documented in {@link
 * WolfScaleSchema}. As loaded, {@code dataDir} is absolute and {@code advertiseAddress}, when
 * present, is not a wildcard. Immutable.
 */
public record NodeSettings(
    String id, HostPort bindAddress, Path dataDir, Optional<HostPort> advertiseAddress) {
  public NodeSettings {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(advertiseAddress, "advertiseAddress");
  }

  static NodeSettings from(TomlReader in) {
    return new NodeSettings(
        in.get(NODE_ID),
        in.get(NODE_BIND_ADDRESS),
        in.get(NODE_DATA_DIR),
        in.find(NODE_ADVERTISE_ADDRESS));
  }
}
