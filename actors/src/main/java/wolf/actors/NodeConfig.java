package wolf.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wolf.actors.cluster.NodeIds;
import wolf.actors.tls.TransportConfig;

/**
 * Builds the Pekko configuration of one node from {@link KernelSettings}.
 *
 * <p>Precedence, highest first: JVM system properties ({@code -Dpekko.loglevel=DEBUG}), the values
 * derived here, then {@code ConfigFactory.load()} (application.conf, reference.conf), so tests and
 * operators can still set anything this class does not derive.
 *
 * <p>Failure detection is tuned for fast failover: a silent member is flagged unreachable roughly
 * {@code electionTimeout} plus a heartbeat or two after its last heartbeat, and leadership moves on
 * that. The Split Brain Resolver (keep-majority, stable-after 2 s) downs it about 2 s later.
 * Stateless and thread-safe.
 */
public final class NodeConfig {

  static final Duration CLUSTER_TICK = Duration.ofMillis(300);
  static final Duration SBR_STABLE_AFTER = Duration.ofSeconds(2);

  private static final Set<String> WILDCARDS =
      Set.of("", "0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

  private NodeConfig() {}

  /** The full, resolved configuration for {@code settings}. */
  public static Config of(KernelSettings settings) {
    return ConfigFactory.defaultOverrides()
        .withFallback(ConfigFactory.parseMap(derived(settings), "wolf kernel settings"))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  /** Only the values derived from {@code settings}, as config paths. */
  static Map<String, Object> derived(KernelSettings s) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("pekko.loggers", List.of("org.apache.pekko.event.slf4j.Slf4jLogger"));
    c.put("pekko.logging-filter", "org.apache.pekko.event.slf4j.Slf4jLoggingFilter");
    c.put("pekko.log-dead-letters-during-shutdown", "off");
    c.put("pekko.actor.provider", "cluster");
    c.put("pekko.actor.allow-java-serialization", "off");
    c.put(
        "pekko.actor.serialization-bindings.\"" + CborSerializable.class.getName() + "\"",
        "jackson-cbor");

    int canonicalPort = s.advertisePort() != 0 ? s.advertisePort() : s.bindPort();
    String canonicalHost = s.advertiseHost().isEmpty() ? s.bindHost() : s.advertiseHost();
    if (WILDCARDS.contains(canonicalHost)) {
      throw new IllegalArgumentException(
          "advertise host is required when binding the wildcard address " + s.bindHost());
    }
    String artery = "pekko.remote.artery.";
    c.put(artery + "canonical.hostname", canonicalHost);
    c.put(artery + "canonical.port", canonicalPort);
    c.put(artery + "bind.hostname", s.bindHost());
    // "" = same as canonical; with both 0 Artery binds a free port and advertises it.
    c.put(artery + "bind.port", s.bindPort() == canonicalPort ? "" : String.valueOf(s.bindPort()));
    c.putAll(TransportConfig.artery(s.security()));

    String cluster = "pekko.cluster.";
    c.put(cluster + "roles", List.of(s.role(), NodeIds.role(s.nodeId())));
    c.put(
        cluster + "downing-provider-class",
        "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
    c.put(cluster + "split-brain-resolver.active-strategy", "keep-majority");
    c.put(cluster + "split-brain-resolver.stable-after", millis(SBR_STABLE_AFTER));
    c.put(cluster + "failure-detector.heartbeat-interval", millis(s.heartbeatInterval()));
    c.put(cluster + "failure-detector.acceptable-heartbeat-pause", millis(s.electionTimeout()));
    c.put(cluster + "failure-detector.expected-response-after", millis(CLUSTER_TICK));
    c.put(cluster + "gossip-interval", millis(CLUSTER_TICK));
    c.put(cluster + "leader-actions-interval", millis(CLUSTER_TICK));
    c.put(cluster + "unreachable-nodes-reaper-interval", millis(CLUSTER_TICK));
    c.put(cluster + "jmx.multi-mbeans-in-same-jvm", "on");
    // The receptionist spreads Leadership's registration; its default 2 s gossip slows start-up.
    String receptionist = cluster + "typed.receptionist.distributed-data.";
    c.put(receptionist + "gossip-interval", millis(CLUSTER_TICK.multipliedBy(2)));
    c.put(receptionist + "notify-subscribers-interval", millis(CLUSTER_TICK.dividedBy(3)));

    c.put("pekko.coordinated-shutdown.exit-jvm", "off");
    c.put("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "on");
    // ActorSystem.terminate() is a crash (no leave); WolfNode.shutdown() runs the leave.
    c.put("pekko.coordinated-shutdown.run-by-actor-system-terminate", "off");
    return c;
  }

  private static String millis(Duration d) {
    return d.toMillis() + "ms";
  }
}
