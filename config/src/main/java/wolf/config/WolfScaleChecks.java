package wolf.config;

import static wolf.config.WolfScaleSchema.API_BIND_ADDRESS;
import static wolf.config.WolfScaleSchema.API_ENABLED;
import static wolf.config.WolfScaleSchema.CLUSTER_ELECTION_TIMEOUT_MS;
import static wolf.config.WolfScaleSchema.CLUSTER_HEARTBEAT_INTERVAL_MS;
import static wolf.config.WolfScaleSchema.CLUSTER_PEERS;
import static wolf.config.WolfScaleSchema.NODE_ADVERTISE_ADDRESS;
import static wolf.config.WolfScaleSchema.NODE_BIND_ADDRESS;
import static wolf.config.WolfScaleSchema.PROXY_BIND_ADDRESS;
import static wolf.config.WolfScaleSchema.PROXY_ENABLED;
import static wolf.config.WolfScaleSchema.SECURITY_CA_FILE;
import static wolf.config.WolfScaleSchema.SECURITY_CERT_FILE;
import static wolf.config.WolfScaleSchema.SECURITY_KEY_FILE;
import static wolf.config.WolfScaleSchema.SECURITY_KEY_STORE;
import static wolf.config.WolfScaleSchema.SECURITY_TRANSPORT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code wolfscale.toml} rules that involve more than one key, or the file system. Each check
 * skips values that already failed their own validation, so one mistake yields one problem.
 * Stateless.
 */
final class WolfScaleChecks {
  private static final List<Key<Path>> PEM =
      List.of(SECURITY_CERT_FILE, SECURITY_KEY_FILE, SECURITY_CA_FILE);

  private WolfScaleChecks() {}

  static void run(TomlReader in) {
    advertiseAddress(in);
    electionTimeout(in);
    duplicatePeers(in);
    transport(in);
    filesExist(in);
    listenPorts(in);
  }

  private static void advertiseAddress(TomlReader in) {
    HostPort advertise = in.get(NODE_ADVERTISE_ADDRESS);
    if (advertise != null && advertise.isWildcard()) {
      in.problem(
          NODE_ADVERTISE_ADDRESS,
          "must be an address other nodes can reach, not the wildcard " + advertise);
    }
  }

  private static void electionTimeout(TomlReader in) {
    Integer heartbeat = in.get(CLUSTER_HEARTBEAT_INTERVAL_MS);
    Integer election = in.get(CLUSTER_ELECTION_TIMEOUT_MS);
    if (heartbeat != null && election != null && election < 2L * heartbeat) {
      in.problem(
          CLUSTER_ELECTION_TIMEOUT_MS,
          "must be at least twice cluster.heartbeat_interval_ms (2 x %d = %d), got %d"
              .formatted(heartbeat, 2 * heartbeat, election));
    }
  }

  private static void duplicatePeers(TomlReader in) {
    List<HostPort> peers = in.get(CLUSTER_PEERS);
    if (peers == null) {
      return;
    }
    for (int j = 0; j < peers.size(); j++) {
      int first = peers.indexOf(peers.get(j));
      if (first < j) {
        in.problem(
            CLUSTER_PEERS.path() + "[" + j + "]",
            "duplicate of %s[%d] (%s)".formatted(CLUSTER_PEERS.path(), first, peers.get(j)));
      }
    }
  }

  private static void transport(TomlReader in) {
    TransportMode transport = in.get(SECURITY_TRANSPORT);
    if (transport == TransportMode.TCP) {
      for (Key<HostPort> key : List.of(NODE_BIND_ADDRESS, NODE_ADVERTISE_ADDRESS)) {
        HostPort address = in.get(key);
        boolean reported = key == NODE_ADVERTISE_ADDRESS && address != null && address.isWildcard();
        if (address != null && !address.isLoopback() && !reported) {
          in.problem(
              SECURITY_TRANSPORT,
              "\"tcp\" sends cluster traffic unencrypted and is for loopback development only,"
                  + " but %s is %s; use \"tls\"".formatted(key.path(), address));
        }
      }
    } else if (transport == TransportMode.TLS) {
      List<Key<Path>> pemSet = PEM.stream().filter(in::isSet).toList();
      if (in.isSet(SECURITY_KEY_STORE) && !pemSet.isEmpty()) {
        in.problem(
            SECURITY_KEY_STORE,
            "set either key_store or cert_file, key_file and ca_file, not both");
      } else if (!in.isSet(SECURITY_KEY_STORE) && pemSet.isEmpty()) {
        in.problem(
            SECURITY_KEY_STORE,
            "transport \"tls\" needs this node's key and certificate: set key_store (`wolfscale"
                + " init` creates one) or all of cert_file, key_file and ca_file");
      } else if (!pemSet.isEmpty() && pemSet.size() < PEM.size()) {
        String given = pemSet.stream().map(Key::name).collect(Collectors.joining(" and "));
        for (Key<Path> missing : PEM) {
          if (!pemSet.contains(missing)) {
            String verb = pemSet.size() == 1 ? " is set" : " are set";
            in.problem(missing, "is required because " + given + verb + " (or use key_store)");
          }
        }
      }
    }
  }

  private static void filesExist(TomlReader in) {
    for (Key<Path> key :
        List.of(SECURITY_KEY_STORE, SECURITY_CERT_FILE, SECURITY_KEY_FILE, SECURITY_CA_FILE)) {
      Path path = in.get(key);
      if (path != null && !Files.exists(path)) {
        in.problem(key, "file not found: " + path);
      } else if (path != null && !Files.isRegularFile(path)) {
        in.problem(key, "not a regular file: " + path);
      }
    }
  }

  /** Two listeners of this node on one TCP port would fail at start-up; say so now. */
  private static void listenPorts(TomlReader in) {
    List<Key<HostPort>> listeners = new ArrayList<>(List.of(NODE_BIND_ADDRESS));
    if (Boolean.TRUE.equals(in.get(API_ENABLED))) {
      listeners.add(API_BIND_ADDRESS);
    }
    if (Boolean.TRUE.equals(in.get(PROXY_ENABLED))) {
      listeners.add(PROXY_BIND_ADDRESS);
    }
    for (int j = 1; j < listeners.size(); j++) {
      HostPort later = in.get(listeners.get(j));
      for (int i = 0; i < j && later != null; i++) {
        HostPort earlier = in.get(listeners.get(i));
        if (earlier != null && clash(earlier, later)) {
          in.problem(
              listeners.get(j),
              "port %d is already used by %s (%s)"
                  .formatted(later.port(), listeners.get(i).path(), earlier));
          break;
        }
      }
    }
  }

  private static boolean clash(HostPort a, HostPort b) {
    return a.port() == b.port() && (a.isWildcard() || b.isWildcard() || a.host().equals(b.host()));
  }
}
