package wolf.config;

import static wolf.config.Key.Agreement.MUST_AGREE;
import static wolf.config.Key.Agreement.PER_NODE;
import static wolf.config.Key.Agreement.SHOULD_AGREE;
import static wolf.config.Key.Agreement.UNIQUE;
import static wolf.config.ValueTypes.bool;
import static wolf.config.ValueTypes.enumeration;
import static wolf.config.ValueTypes.hostPort;
import static wolf.config.ValueTypes.integer;
import static wolf.config.ValueTypes.list;
import static wolf.config.ValueTypes.path;
import static wolf.config.ValueTypes.string;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every key of {@code wolfscale.toml}: its meaning and unit, range, default and whether all nodes
 * must agree. This is the one place they are written down; the template ({@link WolfScaleTemplate})
 * and {@code docs/CONFIG-wolfscale.md} ({@link SchemaDocs}) are rendered from it. Rules that
 * involve several keys live in {@link WolfScaleChecks}.
 */
public final class WolfScaleSchema {
  private WolfScaleSchema() {}

  private static final ValueType<String> NON_EMPTY = string(Pattern.compile("\\S+"), "non-empty");

  public static final Key<String> NODE_ID =
      Key.required(
          "node.id",
          string(
              Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"),
              "1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit"),
          "\"node-1\"",
          UNIQUE,
          "This node's ID, unique in the cluster. The lowest ID among caught-up members leads;"
              + " IDs compare in natural order, so node-2 comes before node-10.");
  public static final Key<HostPort> NODE_BIND_ADDRESS =
      Key.of(
          "node.bind_address",
          hostPort(),
          HostPort.parse("0.0.0.0:7654"),
          PER_NODE,
          "TCP address the cluster transport listens on. 0.0.0.0 or [::] listens on every"
              + " interface.");
  public static final Key<Path> NODE_DATA_DIR =
      Key.of(
          "node.data_dir",
          path(),
          Path.of("/var/lib/wolfscale"),
          PER_NODE,
          "Directory holding the WAL and this node's state.");
  public static final Key<HostPort> NODE_ADVERTISE_ADDRESS =
      Key.optional(
          "node.advertise_address",
          hostPort(),
          "\"10.0.0.5:7654\"",
          PER_NODE,
          "Address other nodes use to reach this node, when it differs from bind_address (NAT,"
              + " wildcard bind). Must not be a wildcard. Not set: bind_address is advertised.");

  public static final Key<String> DB_HOST =
      Key.of("database.host", NON_EMPTY, "127.0.0.1", PER_NODE, "Host of this node's MariaDB.");
  public static final Key<Integer> DB_PORT =
      Key.of(
          "database.port", integer(1, 65535), 3306, PER_NODE, "TCP port of this node's MariaDB.");
  public static final Key<String> DB_USER =
      Key.of(
          "database.user",
          NON_EMPTY,
          "root",
          PER_NODE,
          "MariaDB user WolfScale applies writes as; needs every privilege the replicated"
              + " statements use.");
  public static final Key<String> DB_PASSWORD =
      Key.of(
          "database.password",
          string(),
          "",
          PER_NODE,
          "Password of database.user; empty for none. Keep this file readable by its owner only.");
  public static final Key<String> DB_DATABASE =
      Key.of(
          "database.database",
          string(),
          "",
          PER_NODE,
          "Default schema for WolfScale's connections; empty for none.");
  public static final Key<Integer> DB_POOL_SIZE =
      Key.of(
          "database.pool_size",
          integer(1, 1024),
          10,
          PER_NODE,
          "Connections to the local MariaDB; bounds concurrent applies and proxied reads.");

  public static final Key<Integer> WAL_BATCH_SIZE =
      Key.of(
          "wal.batch_size",
          integer(1, 1_000_000),
          1000,
          PER_NODE,
          "Most records written in one group commit, in records.");
  public static final Key<Integer> WAL_FLUSH_INTERVAL_MS =
      Key.of(
          "wal.flush_interval_ms",
          integer(0, 10_000),
          1,
          PER_NODE,
          "How long the WAL writer waits for more records before a group commit, in"
              + " milliseconds; 0 writes as soon as a record arrives.");
  public static final Key<Boolean> WAL_COMPRESSION =
      Key.of(
          "wal.compression",
          bool(),
          true,
          PER_NODE,
          "LZ4-compress record payloads when that makes them smaller. Each record says whether it"
              + " is compressed, so nodes may differ.");
  public static final Key<Integer> WAL_SEGMENT_SIZE_MB =
      Key.of(
          "wal.segment_size_mb",
          integer(1, 4096),
          64,
          PER_NODE,
          "Size at which a WAL segment is closed and the next one started, in MiB.");
  public static final Key<Integer> WAL_RETENTION_HOURS =
      Key.of(
          "wal.retention_hours",
          integer(0, 87_600),
          168,
          SHOULD_AGREE,
          "Closed segments older than this many hours, and applied by every live node, are"
              + " deleted; 0 keeps everything. A node that falls further behind than the leader"
              + " keeps needs a snapshot to rejoin.");
  public static final Key<Boolean> WAL_FSYNC =
      Key.of(
          "wal.fsync",
          bool(),
          true,
          SHOULD_AGREE,
          "fsync every group commit before acknowledging it. false acknowledges once the OS has"
              + " the data, so a power loss can lose acknowledged writes on this node.");

  public static final Key<List<HostPort>> CLUSTER_PEERS =
      Key.of(
          "cluster.peers",
          list(hostPort()),
          List.of(),
          PER_NODE,
          "Seed addresses (other nodes' advertise or bind addresses) contacted to join. May list"
              + " this node too, so one list can be shared by all nodes.");
  public static final Key<Boolean> CLUSTER_BOOTSTRAP =
      Key.of(
          "cluster.bootstrap",
          bool(),
          false,
          PER_NODE,
          "Start a new cluster when no peer answers. Set it on one node only, when creating the"
              + " cluster.");
  public static final Key<Boolean> CLUSTER_AUTO_DISCOVERY =
      Key.of(
          "cluster.auto_discovery",
          bool(),
          false,
          SHOULD_AGREE,
          "Also find peers by UDP broadcast to discovery_address.");
  public static final Key<String> CLUSTER_NAME =
      Key.of(
          "cluster.cluster_name",
          string(
              Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*"),
              "letters, digits, '_' or '-', starting with a letter or digit"),
          "wolfscale",
          MUST_AGREE,
          "Name of the cluster; it becomes the Pekko ActorSystem name, and nodes with different"
              + " names never join each other.");
  public static final Key<Integer> CLUSTER_HEARTBEAT_INTERVAL_MS =
      Key.of(
          "cluster.heartbeat_interval_ms",
          integer(50, 10_000),
          300,
          SHOULD_AGREE,
          "Interval between failure-detector heartbeats, in milliseconds.");
  public static final Key<Integer> CLUSTER_ELECTION_TIMEOUT_MS =
      Key.of(
          "cluster.election_timeout_ms",
          integer(200, 60_000),
          1200,
          SHOULD_AGREE,
          "How long the leader may be unreachable before the next-lowest ID takes over, in"
              + " milliseconds. At least twice heartbeat_interval_ms.");
  public static final Key<CommitMode> CLUSTER_COMMIT_MODE =
      Key.of(
          "cluster.commit_mode",
          enumeration(CommitMode.class),
          CommitMode.QUORUM,
          MUST_AGREE,
          "When a write is acknowledged: async after the leader's own durable append and apply"
              + " (a failover can lose it), quorum once a majority holds it durably, all once"
              + " every member does.");
  public static final Key<Integer> CLUSTER_EXPECTED_NODES =
      Key.of(
          "cluster.expected_nodes",
          integer(0, 99),
          0,
          MUST_AGREE,
          "How many data nodes the cluster is meant to have. Writes commit, and a new leader"
              + " takes over, only with a majority of at least this many nodes, so a node that"
              + " starts alone never accepts writes by itself. 0: the number of distinct"
              + " addresses in peers, counting this node. Set it when peers is empty"
              + " (auto_discovery).");
  public static final Key<HostPort> CLUSTER_DISCOVERY_ADDRESS =
      Key.of(
          "cluster.discovery_address",
          hostPort(),
          HostPort.parse("255.255.255.255:7655"),
          MUST_AGREE,
          "UDP broadcast address for auto discovery; its port is also the port this node"
              + " listens on for announcements.");
  public static final Key<Integer> CLUSTER_DISCOVERY_INTERVAL_MS =
      Key.of(
          "cluster.discovery_interval_ms",
          integer(100, 60_000),
          1000,
          PER_NODE,
          "Interval between discovery broadcasts, in milliseconds.");

  public static final Key<Boolean> API_ENABLED =
      Key.of("api.enabled", bool(), true, PER_NODE, "Serve the HTTP API and health probes.");
  public static final Key<HostPort> API_BIND_ADDRESS =
      Key.of(
          "api.bind_address",
          hostPort(),
          HostPort.parse("0.0.0.0:8080"),
          PER_NODE,
          "TCP address of the HTTP API: health, status, metrics and writes.");
  public static final Key<String> API_TOKEN =
      Key.of(
          "api.token",
          string(),
          "",
          SHOULD_AGREE,
          "Bearer token required by write endpoints; empty: writes need no token.");

  public static final Key<Boolean> PROXY_ENABLED =
      Key.of("proxy.enabled", bool(), false, PER_NODE, "Serve the MySQL-protocol proxy.");
  public static final Key<HostPort> PROXY_BIND_ADDRESS =
      Key.of(
          "proxy.bind_address",
          hostPort(),
          HostPort.parse("0.0.0.0:3307"),
          PER_NODE,
          "TCP address of the MySQL-protocol proxy.");

  public static final Key<TransportMode> SECURITY_TRANSPORT =
      Key.of(
          "security.transport",
          enumeration(TransportMode.class),
          TransportMode.TLS,
          MUST_AGREE,
          "Cluster transport: tls encrypts and authenticates peers by certificate; tcp is plain"
              + " and only accepted when node.bind_address and advertise_address are loopback.");
  public static final Key<Path> SECURITY_KEY_STORE =
      Key.optional(
          "security.key_store",
          path(),
          "\"tls/node-1.p12\"",
          PER_NODE,
          "PKCS12 file with this node's key and certificate and the cluster CA certificate;"
              + " `wolfscale init` creates it. tls needs this or the three PEM files below.");
  public static final Key<String> SECURITY_KEY_STORE_PASSWORD =
      Key.of("security.key_store_password", string(), "", PER_NODE, "Password of key_store.");
  public static final Key<Path> SECURITY_CERT_FILE =
      Key.optional(
          "security.cert_file",
          path(),
          "\"tls/node.crt\"",
          PER_NODE,
          "PEM certificate of this node; with key_file and ca_file, the alternative to"
              + " key_store.");
  public static final Key<Path> SECURITY_KEY_FILE =
      Key.optional(
          "security.key_file",
          path(),
          "\"tls/node.key\"",
          PER_NODE,
          "PEM private key of this node.");
  public static final Key<Path> SECURITY_CA_FILE =
      Key.optional(
          "security.ca_file",
          path(),
          "\"tls/ca.crt\"",
          MUST_AGREE,
          "PEM certificate of the cluster CA that signed every node's certificate.");

  /** All keys, in template and docs order. */
  public static final Schema SCHEMA =
      Schema.of(
          List.of(
              NODE_ID,
              NODE_BIND_ADDRESS,
              NODE_DATA_DIR,
              NODE_ADVERTISE_ADDRESS,
              DB_HOST,
              DB_PORT,
              DB_USER,
              DB_PASSWORD,
              DB_DATABASE,
              DB_POOL_SIZE,
              WAL_BATCH_SIZE,
              WAL_FLUSH_INTERVAL_MS,
              WAL_COMPRESSION,
              WAL_SEGMENT_SIZE_MB,
              WAL_RETENTION_HOURS,
              WAL_FSYNC,
              CLUSTER_PEERS,
              CLUSTER_BOOTSTRAP,
              CLUSTER_AUTO_DISCOVERY,
              CLUSTER_NAME,
              CLUSTER_HEARTBEAT_INTERVAL_MS,
              CLUSTER_ELECTION_TIMEOUT_MS,
              CLUSTER_COMMIT_MODE,
              CLUSTER_EXPECTED_NODES,
              CLUSTER_DISCOVERY_ADDRESS,
              CLUSTER_DISCOVERY_INTERVAL_MS,
              API_ENABLED,
              API_BIND_ADDRESS,
              API_TOKEN,
              PROXY_ENABLED,
              PROXY_BIND_ADDRESS,
              SECURITY_TRANSPORT,
              SECURITY_KEY_STORE,
              SECURITY_KEY_STORE_PASSWORD,
              SECURITY_CERT_FILE,
              SECURITY_KEY_FILE,
              SECURITY_CA_FILE));
}
