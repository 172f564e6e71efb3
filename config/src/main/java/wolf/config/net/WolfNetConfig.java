package wolf.config.net;

import static wolf.config.net.WolfNetSchema.ADDRESS;
import static wolf.config.net.WolfNetSchema.CONTROL_SOCKET;
import static wolf.config.net.WolfNetSchema.DISCOVERY;
import static wolf.config.net.WolfNetSchema.DISCOVERY_INTERVAL_SECONDS;
import static wolf.config.net.WolfNetSchema.DISCOVERY_PORT;
import static wolf.config.net.WolfNetSchema.GATEWAY;
import static wolf.config.net.WolfNetSchema.GATEWAY_ROUTES;
import static wolf.config.net.WolfNetSchema.KEEPALIVE_SECONDS;
import static wolf.config.net.WolfNetSchema.LISTEN_PORT;
import static wolf.config.net.WolfNetSchema.MTU;
import static wolf.config.net.WolfNetSchema.NAME;
import static wolf.config.net.WolfNetSchema.OFFLOAD;
import static wolf.config.net.WolfNetSchema.PEERS_KEY;
import static wolf.config.net.WolfNetSchema.PEER_TIMEOUT_SECONDS;
import static wolf.config.net.WolfNetSchema.PRIVATE_KEY_FILE;
import static wolf.config.net.WolfNetSchema.SCHEMA;
import static wolf.config.net.WolfNetSchema.STATE_DIR;
import static wolf.config.net.WolfNetSchema.WORKERS;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import wolf.config.ConfigException;
import wolf.config.ConfigProblem;
import wolf.config.TomlReader;

/**
 * A validated {@code wolfnet.toml}: every problem is reported at once with file, key and reason;
 * relative paths are resolved against the file's directory. Immutable.
 *
 * @param workers as configured; 0 means "choose"
 * @param controlSocket the configured socket, else {@code /run/wolfnet/<name>.sock}
 */
public record WolfNetConfig(
    Path source,
    String name,
    OverlayAddress address,
    int listenPort,
    int mtu,
    Path privateKeyFile,
    int workers,
    boolean offload,
    int keepaliveSeconds,
    int peerTimeoutSeconds,
    Path stateDir,
    Path controlSocket,
    List<PeerEntry> peers,
    boolean gateway,
    List<String> gatewayRoutes,
    boolean discovery,
    int discoveryPort,
    int discoveryIntervalSeconds) {

  /** Reads and validates {@code file}. */
  public static WolfNetConfig load(Path file) throws ConfigException {
    Path source = file.toAbsolutePath().normalize();
    try {
      return parse(Files.readString(source), source);
    } catch (NoSuchFileException e) {
      throw fileProblem(source, "file not found");
    } catch (MalformedInputException e) {
      throw fileProblem(source, "not valid UTF-8");
    } catch (IOException e) {
      throw fileProblem(source, "cannot read: " + e);
    }
  }

  /** Validates TOML text as if read from {@code source}. */
  public static WolfNetConfig parse(String toml, Path source) throws ConfigException {
    TomlReader in = TomlReader.parse(toml, source, SCHEMA);
    in.readAll();
    check(in);
    in.throwIfProblems();
    String name = in.get(NAME);
    return new WolfNetConfig(
        source,
        name,
        in.get(ADDRESS),
        in.get(LISTEN_PORT),
        in.get(MTU),
        in.get(PRIVATE_KEY_FILE),
        in.get(WORKERS),
        in.get(OFFLOAD),
        in.get(KEEPALIVE_SECONDS),
        in.get(PEER_TIMEOUT_SECONDS),
        in.get(STATE_DIR),
        in.find(CONTROL_SOCKET).orElse(Path.of("/run/wolfnet", name + ".sock")),
        in.get(PEERS_KEY),
        in.get(GATEWAY),
        in.get(GATEWAY_ROUTES),
        in.get(DISCOVERY),
        in.get(DISCOVERY_PORT),
        in.get(DISCOVERY_INTERVAL_SECONDS));
  }

  private static void check(TomlReader in) {
    Integer keepalive = in.get(KEEPALIVE_SECONDS);
    Integer timeout = in.get(PEER_TIMEOUT_SECONDS);
    if (keepalive != null && timeout != null && keepalive > 0 && timeout <= keepalive) {
      in.problem(
          PEER_TIMEOUT_SECONDS,
          "must be greater than keepalive_seconds (" + keepalive + "), or every peer looks dead");
    }
    Integer port = in.get(LISTEN_PORT);
    if (Boolean.TRUE.equals(in.get(DISCOVERY))
        && port != null
        && port.equals(in.get(DISCOVERY_PORT))) {
      in.problem(DISCOVERY_PORT, "must differ from interface.listen_port (" + port + ")");
    }
    List<PeerEntry> peers = in.get(PEERS_KEY);
    if (peers != null) {
      Set<String> keys = new HashSet<>();
      for (int i = 0; i < peers.size(); i++) {
        if (!keys.add(peers.get(i).publicKey())) {
          in.problem(PEERS_KEY.path() + "[" + i + "].public_key", "this key is listed twice");
        }
      }
    }
  }

  /** The peer with {@code publicKey}, if configured. */
  public Optional<PeerEntry> peer(String publicKey) {
    return peers.stream().filter(p -> p.publicKey().equals(publicKey)).findFirst();
  }

  private static ConfigException fileProblem(Path file, String reason) {
    return new ConfigException(List.of(new ConfigProblem(file.toString(), "(file)", reason)));
  }
}
