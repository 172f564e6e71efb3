package wolf.actors.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wolf.actors.KernelSettings.TransportSecurity;

/**
 * Translates {@link TransportSecurity} into Artery settings (config paths to values).
 *
 * <ul>
 *   <li>Not TLS: {@code transport = tcp}. For loopback development only: anyone who can reach the
 *       port can join the cluster.
 *   <li>PKCS12 key store: {@code tls-tcp} with Pekko's {@code ConfigSSLEngineProvider}. The same
 *       file is key store and trust store: every node holds the one cluster key pair, which thereby
 *       acts as the cluster secret. Mutual authentication is required; host names are not verified
 *       (nodes are found by address, and a peer is trusted because it holds the cluster key).
 *   <li>PEM files: {@code tls-tcp} with Pekko's {@code RotatingKeysSSLEngineProvider}, which
 *       re-reads the files every few minutes (key rotation), requires an RSA key, a node
 *       certificate issued by the given root CA, and a subject name shared by all nodes.
 * </ul>
 *
 * <p>TLS 1.3 with the JDK's AES-GCM suites. Stateless and thread-safe.
 */
public final class TransportConfig {

  static final String SSL = "pekko.remote.artery.ssl.";
  static final List<String> TLS13_SUITES =
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");

  private TransportConfig() {}

  /**
   * Artery settings for {@code security}.
   *
   * @throws IllegalArgumentException when TLS is on but neither a key store nor all three PEM files
   *     are given, or a named file does not exist
   */
  public static Map<String, Object> artery(TransportSecurity security) {
    Map<String, Object> c = new LinkedHashMap<>();
    if (!security.tls()) {
      c.put("pekko.remote.artery.transport", "tcp");
      return c;
    }
    c.put("pekko.remote.artery.transport", "tls-tcp");
    if (security.keyStore().isPresent()) {
      String store = existing(security.keyStore().get(), "key store");
      String pw = security.keyStorePassword();
      String e = SSL + "config-ssl-engine.";
      c.put(
          SSL + "ssl-engine-provider",
          "org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider");
      c.put(e + "key-store", store);
      c.put(e + "key-store-password", pw);
      c.put(e + "key-password", pw);
      c.put(e + "trust-store", store);
      c.put(e + "trust-store-password", pw);
      c.put(e + "protocol", "TLSv1.3");
      c.put(e + "enabled-algorithms", TLS13_SUITES);
      c.put(e + "require-mutual-authentication", "on");
      c.put(e + "hostname-verification", "off");
      return c;
    }
    if (security.certFile().isPresent()
        && security.keyFile().isPresent()
        && security.caFile().isPresent()) {
      String e = SSL + "rotating-keys-engine.";
      c.put(
          SSL + "ssl-engine-provider",
          "org.apache.pekko.remote.artery.tcp.ssl.RotatingKeysSSLEngineProvider");
      c.put(e + "key-file", existing(security.keyFile().get(), "key file"));
      c.put(e + "cert-file", existing(security.certFile().get(), "certificate file"));
      c.put(e + "ca-cert-file", existing(security.caFile().get(), "CA certificate file"));
      c.put(e + "protocol", "TLSv1.3");
      c.put(e + "enabled-algorithms", TLS13_SUITES);
      return c;
    }
    throw new IllegalArgumentException(
        "TLS is on but neither a key store nor cert, key and CA files are configured");
  }

  private static String existing(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(what + " " + file + " does not exist");
    }
    return file.toAbsolutePath().toString();
  }
}
