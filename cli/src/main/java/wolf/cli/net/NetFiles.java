package wolf.cli.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import wolf.cli.Cli;
import wolf.config.ConfigException;
import wolf.config.net.OverlayAddress;
import wolf.config.net.PeerEntry;
import wolf.config.net.WolfNetConfig;
import wolf.config.net.WolfNetTemplate;
import wolf.net.keys.KeyFiles;
import wolf.net.keys.KeyPair;
import wolf.net.keys.PrivateKey;

/** Writes a node's files: config, private key (0600) and public key. Shared by init and join. */
final class NetFiles {
  private NetFiles() {}

  /**
   * Writes {@code config} (mode 0600) beside {@code private.key} and {@code public.key}, creating
   * the key pair unless the private key exists; returns the key pair.
   */
  static KeyPair write(
      Path config,
      OverlayAddress address,
      int port,
      boolean gateway,
      List<PeerEntry> peers,
      boolean force)
      throws IOException {
    Path file = config.toAbsolutePath();
    if (Files.exists(file) && !force) {
      throw new Cli.UserError(file + " exists; pass --force to overwrite it");
    }
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path keyFile = dir.resolve("private.key");
    PrivateKey key;
    if (Files.exists(keyFile)) {
      key = KeyFiles.readPrivate(keyFile);
    } else {
      key = PrivateKey.generate();
      KeyFiles.writePrivate(keyFile, key);
    }
    KeyFiles.writePublic(dir.resolve("public.key"), key.publicKey());
    String toml =
        WolfNetTemplate.render(
            address, port, Path.of("private.key"), dir.resolve("state"), gateway, peers);
    Files.writeString(file, toml);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    try {
      WolfNetConfig.load(file);
    } catch (ConfigException e) {
      throw new Cli.UserError("the written file does not validate:\n" + e.getMessage());
    }
    return KeyPair.of(key);
  }
}
