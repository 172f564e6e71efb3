package wolf.config;

import static wolf.config.WolfScaleSchema.SECURITY_CA_FILE;
import static wolf.config.WolfScaleSchema.SECURITY_CERT_FILE;
import static wolf.config.WolfScaleSchema.SECURITY_KEY_FILE;
import static wolf.config.WolfScaleSchema.SECURITY_KEY_STORE;
import static wolf.config.WolfScaleSchema.SECURITY_KEY_STORE_PASSWORD;
import static wolf.config.WolfScaleSchema.SECURITY_TRANSPORT;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code [security]}: how cluster traffic is protected. Keys are documented in {@link
 * WolfScaleSchema}.
 *
 * <p>As loaded: with {@link TransportMode#TLS}, either {@code keyStore} is present or all three PEM
 * paths are, never both; with {@link TransportMode#TCP} the node binds and advertises loopback
 * addresses only. Every present path is absolute and existed at load time. {@link #toString} hides
 * the password. Immutable.
 */
public record SecuritySettings(
    TransportMode transport,
    Optional<Path> keyStore,
    String keyStorePassword,
    Optional<Path> certFile,
    Optional<Path> keyFile,
    Optional<Path> caFile) {
  public SecuritySettings {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(keyStorePassword, "keyStorePassword");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(caFile, "caFile");
  }

  static SecuritySettings from(TomlReader in) {
    return new SecuritySettings(
        in.get(SECURITY_TRANSPORT),
        in.find(SECURITY_KEY_STORE),
        in.get(SECURITY_KEY_STORE_PASSWORD),
        in.find(SECURITY_CERT_FILE),
        in.find(SECURITY_KEY_FILE),
        in.find(SECURITY_CA_FILE));
  }

  @Override
  public String toString() {
    return "SecuritySettings[transport=%s, keyStore=%s, keyStorePassword=%s, certFile=%s, keyFile=%s, caFile=%s]"
        .formatted(
            transport,
            keyStore,
            keyStorePassword.isEmpty() ? "" : "***",
            certFile,
            keyFile,
            caFile);
  }
}
