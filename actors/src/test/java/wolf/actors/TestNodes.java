package wolf.actors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import wolf.actors.KernelSettings.DiscoverySettings;
import wolf.actors.KernelSettings.TransportSecurity;
import wolf.actors.cluster.NodeStatus;

/**
 * Starts nodes on loopback, port 0, with fast failure detection, and stops every one of them when
 * closed (as a crash: fast, and nothing to leave gracefully at the end of a test).
 */
public final class TestNodes implements AutoCloseable {

  public static final String ROLE = "wolftest";
  public static final Duration HEARTBEAT = Duration.ofMillis(300);
  public static final Duration ELECTION_TIMEOUT = Duration.ofMillis(1200);
  public static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final List<WolfNode> started = new ArrayList<>();

  public static KernelSettings settings(
      String cluster, String nodeId, List<String> seeds, boolean bootstrap) {
    return new KernelSettings(
        cluster,
        nodeId,
        ROLE,
        "127.0.0.1",
        0,
        "",
        0,
        seeds,
        bootstrap,
        DiscoverySettings.disabled(),
        TransportSecurity.plain(),
        HEARTBEAT,
        ELECTION_TIMEOUT,
        true);
  }

  public static KernelSettings withCaughtUp(KernelSettings s, boolean caughtUp) {
    return s.withStartCaughtUp(caughtUp);
  }

  public static KernelSettings withDiscovery(KernelSettings s, DiscoverySettings d) {
    return s.withDiscovery(d);
  }

  public static KernelSettings withSecurity(KernelSettings s, TransportSecurity security) {
    return s.withSecurity(security);
  }

  /** Starts a node and remembers it for {@link #close()}. */
  public WolfNode start(KernelSettings settings) {
    return start(settings, wolf.actors.cluster.HandOver.immediate());
  }

  /** Starts a node with a hand-over hook and remembers it for {@link #close()}. */
  public WolfNode start(KernelSettings settings, wolf.actors.cluster.HandOver handOver) {
    WolfNode node = WolfNode.start(settings, handOver);
    synchronized (started) {
      started.add(node);
    }
    return node;
  }

  public static NodeStatus status(WolfNode node) {
    try {
      return node.status(TIMEOUT)
          .toCompletableFuture()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError(node.settings().nodeId() + ": no status: " + e, e);
    }
  }

  /**
   * Polls {@code assertion} every 50 ms until it passes or {@code max} has passed, then rethrows
   * its last failure.
   */
  public static void await(Duration max, Runnable assertion) {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  @Override
  public void close() {
    List<CompletableFuture<?>> stops = new ArrayList<>();
    synchronized (started) {
      for (WolfNode node : started) {
        stops.add(node.crash().toCompletableFuture());
      }
      started.clear();
    }
    CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
        .orTimeout(30, TimeUnit.SECONDS)
        .join();
  }
}
