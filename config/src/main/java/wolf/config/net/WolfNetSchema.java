package wolf.config.net;

import static wolf.config.Key.Agreement.MUST_AGREE;
import static wolf.config.Key.Agreement.PER_NODE;
import static wolf.config.Key.Agreement.SHOULD_AGREE;
import static wolf.config.Key.Agreement.UNIQUE;
import static wolf.config.ValueTypes.bool;
import static wolf.config.ValueTypes.integer;
import static wolf.config.ValueTypes.list;
import static wolf.config.ValueTypes.path;
import static wolf.config.ValueTypes.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import wolf.config.Key;
import wolf.config.Schema;
import wolf.config.TomlReader;
import wolf.config.ValueType;

/**
 * Every key of {@code wolfnet.toml}, with meaning, unit, range, default and whether all nodes must
 * agree. The template ({@link WolfNetTemplate}) and {@code docs/CONFIG-wolfnet.md} are rendered
 * from it; cross-key rules live in {@link WolfNetConfig}.
 */
public final class WolfNetSchema {
  private WolfNetSchema() {}

  private static final ValueType<OverlayAddress> OVERLAY =
      new ValueType<>() {
        @Override
        public OverlayAddress read(JsonNode node, String key, TomlReader in) {
          if (!node.isTextual()) {
            in.problem(key, "expected a string such as \"10.0.10.1/24\"");
            return null;
          }
          try {
            return OverlayAddress.parse(node.textValue());
          } catch (IllegalArgumentException e) {
            in.problem(key, e.getMessage());
            return null;
          }
        }

        @Override
        public String describe() {
          return "string, IPv4 address/prefix";
        }

        @Override
        public String toToml(OverlayAddress v) {
          return "\"" + v + "\"";
        }
      };

  private static final ValueType<String> PREFIX =
      new ValueType<>() {
        @Override
        public String read(JsonNode node, String key, TomlReader in) {
          try {
            if (!node.isTextual()) {
              throw new IllegalArgumentException("expected a string such as \"192.168.50.0/24\"");
            }
            NetValues.prefix(node.textValue(), false);
            return node.textValue();
          } catch (IllegalArgumentException e) {
            in.problem(key, e.getMessage());
            return null;
          }
        }

        @Override
        public String describe() {
          return "IP prefix";
        }

        @Override
        public String toToml(String v) {
          return "\"" + v + "\"";
        }
      };

  private static final ValueType<List<PeerEntry>> PEERS =
      new ValueType<>() {
        private final PeerEntryType one = new PeerEntryType();
        private final ValueType<List<PeerEntry>> many = list(one);

        @Override
        public List<PeerEntry> read(JsonNode node, String key, TomlReader in) {
          return many.read(node, key, in);
        }

        @Override
        public String describe() {
          return "array of " + one.describe();
        }

        @Override
        public String toToml(List<PeerEntry> v) {
          return v.isEmpty()
              ? "[]"
              : v.stream()
                  .map(p -> "  " + one.toToml(p) + ",\n")
                  .collect(Collectors.joining("", "[\n", "]"));
        }
      };

  public static final Key<String> NAME =
      Key.of(
          "interface.name",
          string(Pattern.compile("[A-Za-z0-9_.-]{1,15}"), "1 to 15 letters, digits, '_', '.', '-'"),
          "wolfnet0",
          PER_NODE,
          "Name of the TUN interface WolfNet creates. It disappears when the daemon stops.");
  public static final Key<OverlayAddress> ADDRESS =
      Key.required(
          "interface.address",
          OVERLAY,
          "\"10.0.10.1/24\"",
          UNIQUE,
          "This node's overlay address and the overlay network's prefix (a bare address means"
              + " /24). The address is also the node's id: the lowest live gateway-capable one is"
              + " the active gateway.");
  public static final Key<Integer> LISTEN_PORT =
      Key.of(
          "interface.listen_port",
          integer(0, 65535),
          9600,
          PER_NODE,
          "UDP port for peers' traffic; 0 picks a free port (peers then learn it only from our"
              + " packets).");
  public static final Key<Integer> MTU =
      Key.of(
          "interface.mtu",
          integer(576, 9000),
          1420,
          SHOULD_AGREE,
          "MTU of the interface in bytes. Each packet grows by 32 bytes plus UDP/IP headers (60"
              + " bytes over IPv4), so 1420 fits a 1500-byte path.");
  public static final Key<Path> PRIVATE_KEY_FILE =
      Key.of(
          "interface.private_key_file",
          path(),
          Path.of("private.key"),
          PER_NODE,
          "This node's X25519 private key (base64, as `wolfnet genkey` writes it). Must be mode"
              + " 0600: a key readable by group or others is refused.");
  public static final Key<Integer> WORKERS =
      Key.of(
          "interface.workers",
          integer(0, 16),
          0,
          PER_NODE,
          "Packet threads per direction (TUN queues and UDP sockets). 0 picks min(cores, 4).");

  public static final Key<Boolean> OFFLOAD =
      Key.of(
          "interface.offload",
          bool(),
          true,
          PER_NODE,
          "TCP segmentation and receive offload on the TUN device: the kernel hands WolfNet TCP"
              + " segments of up to 64 KiB, which it cuts into packets itself, and received"
              + " segments of a flow are joined back before they reach the kernel; decrypted"
              + " packets are marked checksum-verified. Saves CPU per byte (about a sixth in"
              + " docs/BENCHMARKS.md); turned off by itself when the kernel refuses it.");
  public static final Key<Integer> KEEPALIVE_SECONDS =
      Key.of(
          "mesh.keepalive_seconds",
          integer(0, 3600),
          5,
          SHOULD_AGREE,
          "Send an empty packet to a peer after this many seconds of silence towards it, so"
              + " sessions stay up, NAT mappings stay open and liveness is known. 0 turns it off"
              + " (then gateway failover cannot see a dead gateway).");
  public static final Key<Integer> PEER_TIMEOUT_SECONDS =
      Key.of(
          "mesh.peer_timeout_seconds",
          integer(1, 3600),
          15,
          MUST_AGREE,
          "A peer from which nothing authenticated arrived for this many seconds counts as dead"
              + " for gateway election. Must exceed keepalive_seconds.");
  public static final Key<Path> STATE_DIR =
      Key.of(
          "mesh.state_dir",
          path(),
          Path.of("/var/lib/wolfnet"),
          PER_NODE,
          "Directory for the token ledger (tokens issued, peers they admitted).");
  public static final Key<Path> CONTROL_SOCKET =
      Key.optional(
          "mesh.control_socket",
          path(),
          "\"/run/wolfnet/wolfnet0.sock\"",
          PER_NODE,
          "Unix socket wolfnetctl talks to. Not set: /run/wolfnet/<interface name>.sock.");
  public static final Key<List<PeerEntry>> PEERS_KEY =
      Key.of(
          "mesh.peers",
          PEERS,
          List.of(),
          PER_NODE,
          "The peers: public_key (base64), allowed_ips (overlay addresses the peer owns; the"
              + " first is its id), endpoint (\"host:port\", optional), gateway (may be elected"
              + " gateway), name, token (a join token for this peer, written by `wolfnet join`)."
              + " Also writable as [[mesh.peers]] tables at the end of the file.");

  public static final Key<Boolean> GATEWAY =
      Key.of(
          "gateway.enabled",
          bool(),
          false,
          PER_NODE,
          "This node may be the mesh's gateway: it turns on IP forwarding and masquerades overlay"
              + " traffic leaving through its other interfaces (nftables).");
  public static final Key<List<String>> GATEWAY_ROUTES =
      Key.of(
          "gateway.routes",
          list(PREFIX),
          List.of(),
          MUST_AGREE,
          "Networks reached through the active gateway, e.g. [\"192.168.50.0/24\"]. Nodes that"
              + " are not gateways route them into the interface.");

  public static final Key<Boolean> DISCOVERY =
      Key.of(
          "discovery.enabled",
          bool(),
          true,
          PER_NODE,
          "Broadcast our key and port on the LAN and learn endpoints of configured peers that"
              + " do the same. Never admits an unknown key.");
  public static final Key<Integer> DISCOVERY_PORT =
      Key.of(
          "discovery.port",
          integer(1, 65535),
          9601,
          MUST_AGREE,
          "UDP port of LAN discovery beacons.");
  public static final Key<Integer> DISCOVERY_INTERVAL_SECONDS =
      Key.of(
          "discovery.interval_seconds",
          integer(1, 3600),
          5,
          SHOULD_AGREE,
          "Seconds between beacons.");

  public static final Schema SCHEMA =
      Schema.of(
          List.of(
              NAME,
              ADDRESS,
              LISTEN_PORT,
              MTU,
              PRIVATE_KEY_FILE,
              WORKERS,
              OFFLOAD,
              KEEPALIVE_SECONDS,
              PEER_TIMEOUT_SECONDS,
              STATE_DIR,
              CONTROL_SOCKET,
              PEERS_KEY,
              GATEWAY,
              GATEWAY_ROUTES,
              DISCOVERY,
              DISCOVERY_PORT,
              DISCOVERY_INTERVAL_SECONDS));
}
