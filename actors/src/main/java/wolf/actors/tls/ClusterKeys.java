package wolf.actors.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates cluster keys. A node is admitted to the cluster because it holds the cluster key (mutual
 * TLS with the same certificate as its own identity and as the only trusted one), so whoever has
 * the files is a member: they are the cluster secret. Copy them to every node, readable by the
 * daemon's user only.
 *
 * <ul>
 *   <li>{@link #generate}: one PKCS12 file with one self-signed EC P-256 key pair (the default).
 *   <li>{@link #generatePem}: {@code tls.key}, {@code tls.crt} and {@code ca.crt} for Pekko's
 *       rotating-keys provider, which needs an RSA key; the self-signed certificate is its own CA.
 * </ul>
 *
 * Runs the JDK's own {@code keytool}, so no crypto library is needed. Certificates are valid 10
 * years. Blocking (a process); safe to call from any thread that may block.
 */
public final class ClusterKeys {

  /** The alias of the key pair inside the key store. */
  public static final String ALIAS = "wolf-cluster";

  private static final long TIMEOUT_SECONDS = 60;
  private static final String VALIDITY_DAYS = "3650";

  private ClusterKeys() {}

  /**
   * Generates a new key store at {@code p12} (which must not exist yet), readable by the owner
   * only.
   *
   * @param password key store and key password (PKCS12 uses one for both), at least 6 characters
   * @param commonName the certificate's CN, e.g. the cluster name
   * @throws IOException when the file exists or keytool fails (its output is in the message)
   */
  public static void generate(Path p12, String password, String commonName) throws IOException {
    if (password.length() < 6) {
      throw new IllegalArgumentException("key store password must have at least 6 characters");
    }
    keytool(p12, password, commonName, List.of("-keyalg", "EC", "-groupname", "secp256r1"));
  }

  /**
   * Generates {@code tls.key} (unencrypted PKCS#8, mode 0600), {@code tls.crt} and {@code ca.crt}
   * (the same self-signed RSA 2048 certificate) in {@code dir}, none of which may exist yet.
   */
  public static void generatePem(Path dir, String commonName) throws IOException {
    Files.createDirectories(dir);
    for (String name : List.of("tls.key", "tls.crt", "ca.crt")) {
      if (Files.exists(dir.resolve(name))) {
        throw new IOException(dir.resolve(name) + " already exists; refusing to overwrite a key");
      }
    }
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    Path p12 = dir.resolve(".wolf-keygen-" + System.nanoTime() + ".p12");
    try {
      keytool(p12, password, commonName, List.of("-keyalg", "RSA", "-keysize", "2048"));
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(p12)) {
        store.load(in, password.toCharArray());
      }
      byte[] key = store.getKey(ALIAS, password.toCharArray()).getEncoded();
      byte[] cert = store.getCertificate(ALIAS).getEncoded();
      writeOwnerOnly(dir.resolve("tls.key"), pem("PRIVATE KEY", key));
      Files.writeString(dir.resolve("tls.crt"), pem("CERTIFICATE", cert));
      Files.writeString(dir.resolve("ca.crt"), pem("CERTIFICATE", cert));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the generated key: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(p12);
    }
  }

  private static void keytool(Path p12, String password, String commonName, List<String> keyArgs)
      throws IOException {
    if (Files.exists(p12)) {
      throw new IOException(p12 + " already exists; refusing to overwrite a cluster key");
    }
    Files.createDirectories(p12.toAbsolutePath().getParent());
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of("-genkeypair", "-alias", ALIAS));
    cmd.addAll(keyArgs);
    cmd.addAll(
        List.of(
            "-validity",
            VALIDITY_DAYS,
            "-dname",
            "CN=" + escape(commonName),
            "-storetype",
            "PKCS12",
            "-keystore",
            p12.toAbsolutePath().toString(),
            "-storepass:env",
            "WOLF_KEYSTORE_PASSWORD",
            "-keypass:env",
            "WOLF_KEYSTORE_PASSWORD"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    // The password goes through the environment so it never shows in a process list.
    pb.environment().put("WOLF_KEYSTORE_PASSWORD", password);
    Process process = pb.start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("keytool did not finish within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0 || !Files.exists(p12)) {
        throw new IOException(
            "keytool failed (exit " + process.exitValue() + "): " + output.trim());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating " + p12, e);
    }
    ownerOnly(p12);
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static void writeOwnerOnly(Path file, String content) throws IOException {
    Files.createFile(file);
    ownerOnly(file);
    Files.writeString(file, content);
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      file.toFile().setReadable(false, false);
      file.toFile().setReadable(true, true);
    }
  }

  /** Escapes the characters that are special in an X.500 distinguished name value. */
  private static String escape(String value) {
    return value.replaceAll("([,+\"\\\\<>;=])", "\\\\$1");
  }
}
