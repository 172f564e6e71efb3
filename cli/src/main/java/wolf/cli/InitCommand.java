package wolf.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import wolf.actors.tls.ClusterKeys;
import wolf.config.ConfigException;
import wolf.config.HostPort;
import wolf.config.WolfScaleConfig;
import wolf.config.WolfScaleTemplate;

/**
 * {@code wolfscale init}: writes a commented configuration that validates and, unless an existing
 * key store is named, the cluster key store every node must share.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Write a commented wolfscale.toml and create the cluster key material (cluster.p12).",
      "Copy the same cluster.p12 and key_store_password to every node: a node without them"
          + " cannot join."
    })
final class InitCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--node-id",
      defaultValue = "node-1",
      description = "Node id (default ${DEFAULT-VALUE}).")
  String nodeId;

  @Option(
      names = "--bind",
      defaultValue = "0.0.0.0:7654",
      description = "Cluster bind address host:port (default ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--cluster-name", defaultValue = "wolfscale", description = "Cluster name.")
  String clusterName;

  @Option(
      names = "--data-dir",
      defaultValue = "/var/lib/wolfscale",
      description = "Data directory (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--peers", split = ",", description = "Seed peers host:port, comma separated.")
  List<String> peers = List.of();

  @Option(
      names = "--key-store",
      description = "Use this existing PKCS12 cluster key store instead of creating one.")
  Path keyStore;

  @Option(names = "--key-store-password", description = "Password of --key-store.")
  String keyStorePassword;

  @Option(names = "--cert-file", description = "Existing PEM certificate (instead of a key store).")
  Path certFile;

  @Option(names = "--key-file", description = "Existing PEM private key of --cert-file.")
  Path keyFile;

  @Option(names = "--ca-file", description = "Existing PEM CA certificate every node trusts.")
  Path caFile;

  @Option(names = "--force", description = "Overwrite an existing configuration or key store.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Path file = config.path().toAbsolutePath();
    if (Files.exists(file) && !force) {
      throw new Cli.UserError(file + " exists; pass --force to overwrite it");
    }
    HostPort bindAddress = parse("--bind", bind);
    List<HostPort> peerList = peers.stream().map(p -> parse("--peers", p)).toList();
    Files.createDirectories(file.getParent());
    var out = spec.commandLine().getOut();
    String toml;
    int pem = (certFile != null ? 1 : 0) + (keyFile != null ? 1 : 0) + (caFile != null ? 1 : 0);
    if (pem > 0) {
      if (pem < 3 || keyStore != null) {
        throw new Cli.UserError(
            "PEM material needs all of --cert-file, --key-file and --ca-file, and no --key-store");
      }
      toml =
          WolfScaleTemplate.renderPem(
              nodeId,
              bindAddress,
              clusterName,
              dataDir,
              certFile.toAbsolutePath(),
              keyFile.toAbsolutePath(),
              caFile.toAbsolutePath(),
              peerList);
    } else {
      toml = keyStoreTemplate(file, bindAddress, peerList, out);
    }
    Files.writeString(file, toml);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    try {
      WolfScaleConfig.load(file);
    } catch (ConfigException e) {
      throw new Cli.UserError("the written file does not validate:\n" + e.getMessage());
    }
    out.println("wrote " + file + " (mode 0600: it holds the key store password)");
    out.println(
        "next: copy the cluster key material to every node, set a unique [node] id on each, then"
            + " 'wolfscale start --bootstrap' on the first node and 'wolfscale start' on the"
            + " others.");
    return 0;
  }

  private String keyStoreTemplate(
      Path file, HostPort bindAddress, List<HostPort> peerList, java.io.PrintWriter out)
      throws Exception {
    Path store;
    String password;
    if (keyStore != null) {
      if (keyStorePassword == null) {
        throw new Cli.UserError("--key-store needs --key-store-password");
      }
      store = keyStore.toAbsolutePath();
      password = keyStorePassword;
    } else {
      store = file.resolveSibling("cluster.p12");
      if (Files.exists(store) && !force) {
        throw new Cli.UserError(
            store
                + " exists; pass --key-store "
                + store
                + " --key-store-password ... to reuse it, or --force to replace it");
      }
      Files.deleteIfExists(store);
      password = randomPassword();
      ClusterKeys.generate(store, password, clusterName);
      out.println("created cluster key store " + store + " (mode 0600)");
    }
    return WolfScaleTemplate.render(
        nodeId, bindAddress, clusterName, dataDir, store, password, peerList);
  }

  private static HostPort parse(String option, String value) {
    try {
      return HostPort.parse(value);
    } catch (IllegalArgumentException e) {
      throw new Cli.UserError(option + " " + value + ": " + e.getMessage());
    }
  }

  private static String randomPassword() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
