package wolf.cli.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.actors.WolfNode;
import wolf.actors.replication.ReplicatedLog;
import wolf.config.DatabaseSettings;
import wolf.http.ReplicationJson;
import wolf.http.StatusSections;
import wolf.http.write.ScaleJson;
import wolf.scale.WolfScale;
import wolf.scale.apply.ScaleStatus;
import wolf.scale.cluster.WriteGateway;
import wolf.scale.snapshot.SnapshotInstalled;
import wolf.scale.snapshot.SnapshotProgress;
import wolf.scale.snapshot.SnapshotTransfer;
import wolf.scale.write.WriteResult;
import wolf.scale.write.WriteService;

/**
 * WolfScale on one running node: the MariaDB state machine over the replicated log, the write
 * gateway that routes writes to the leader, and snapshot transfer — fetched by hand ({@code wolfctl
 * migrate}) or by itself when the leader no longer holds the records this node needs. Thread-safe.
 */
public final class ScaleServices {
  private static final Logger log = LoggerFactory.getLogger(ScaleServices.class);

  /** How long a write may wait for a leader, and for the leader's answer. */
  public static final Duration WRITE_WAIT = Duration.ofSeconds(10);

  /** How often the node checks whether it needs a snapshot. */
  static final Duration SNAPSHOT_CHECK = Duration.ofSeconds(2);

  private final WolfNode node;
  private final ReplicatedLog replicated;
  private final WolfScale scale;
  private final ActorRef<WriteGateway.Command> gateway;
  private final ActorRef<SnapshotTransfer.Command> transfer;
  private final SnapshotProgress progress = new SnapshotProgress();
  private final AtomicBoolean fetching = new AtomicBoolean();

  private ScaleServices(WolfNode node, ReplicatedLog replicated, DatabaseSettings database) {
    this.node = node;
    this.replicated = replicated;
    String id = node.settings().nodeId();
    this.scale = WolfScale.start(node.system(), id, database, replicated);
    node.system().getWhenTerminated().thenRun(scale::close);
    this.gateway =
        node.system()
            .systemActorOf(
                WriteGateway.create(id, scale.writes(), WRITE_WAIT, WRITE_WAIT),
                "write-gateway",
                Props.empty());
    node.onLeaderChanged(e -> gateway.tell(new WriteGateway.LeaderIs(e.leader())));
    this.transfer =
        node.system()
            .systemActorOf(
                SnapshotTransfer.create(id, new Local(), progress),
                "snapshot-transfer",
                Props.empty());
  }

  /** Starts WolfScale on {@code node} and its automatic snapshot check. */
  public static ScaleServices start(
      WolfNode node, ReplicatedLog replicated, DatabaseSettings database) {
    ScaleServices s = new ScaleServices(node, replicated, database);
    node.system()
        .scheduler()
        .scheduleWithFixedDelay(
            SNAPSHOT_CHECK,
            SNAPSHOT_CHECK,
            s::checkSnapshotNeeded,
            node.system().executionContext());
    return s;
  }

  /** Writes routed to the leader, wherever it is. */
  public WriteService writes() {
    return request -> {
      CompletableFuture<WriteResult> result = new CompletableFuture<>();
      gateway.tell(new WriteGateway.Send(request, result));
      return result;
    };
  }

  /**
   * Rebuilds this node's database from a snapshot of {@code from}'s ({@code wolfctl migrate}).
   *
   * @throws IllegalStateException if a snapshot is already being installed
   */
  public CompletionStage<SnapshotInstalled> migrate(String from) {
    if (!fetching.compareAndSet(false, true)) {
      throw new IllegalStateException(
          node.settings().nodeId()
              + " is already installing a snapshot from "
              + progress.view().from());
    }
    CompletableFuture<SnapshotInstalled> result = new CompletableFuture<>();
    result.whenComplete((i, e) -> fetching.set(false));
    transfer.tell(new SnapshotTransfer.Fetch(from, result));
    return result;
  }

  /** The leader no longer holds what this node needs next: fetch a snapshot from the leader. */
  private void checkSnapshotNeeded() {
    if (fetching.get()) {
      return;
    }
    scale
        .status()
        .thenAcceptBoth(
            node.status(Duration.ofSeconds(2)),
            (s, n) -> {
              Optional<String> leader = n.leader().filter(l -> !l.equals(n.nodeId()));
              if (s.needsSnapshot().isPresent() && leader.isPresent() && !fetching.get()) {
                log.info(
                    "{}: {}; fetching a snapshot from the leader {}",
                    n.nodeId(),
                    s.needsSnapshot().get(),
                    leader.get());
                try {
                  migrate(leader.get());
                } catch (IllegalStateException busy) {
                  // a fetch started meanwhile
                }
              }
            });
  }

  /** {@code /status}: replication, the state machine and the last snapshot; {@code /cluster}. */
  public StatusSections sections() {
    return new StatusSections() {
      @Override
      public CompletionStage<Map<String, JsonNode>> status() {
        return replicated
            .status()
            .thenCombine(
                scale.status(),
                (r, s) -> {
                  ObjectNode w = ScaleJson.of(s);
                  SnapshotProgress.View v = progress.view();
                  ObjectNode snap = w.putObject("snapshot");
                  snap.put("state", v.state());
                  snap.put("from", v.from());
                  snap.put("bytes", v.bytes());
                  snap.put("lsn", v.lsn());
                  snap.put("error", v.error().orElse(null));
                  return Map.<String, JsonNode>of(
                      "replication", ReplicationJson.of(r), "wolfscale", w);
                });
      }

      @Override
      public CompletionStage<Map<String, JsonNode>> cluster() {
        return replicated
            .clusterStatus()
            .thenApply(r -> Map.<String, JsonNode>of("replication", ReplicationJson.of(r)));
      }
    };
  }

  /** What snapshot transfer needs of this node. */
  private final class Local implements SnapshotTransfer.Local {
    @Override
    public CompletionStage<Optional<String>> unfit() {
      return scale.status().thenApply(ScaleServices::unfitAsSource);
    }

    @Override
    public Source<ByteString, NotUsed> dump() {
      return scale.dump();
    }

    @Override
    public CompletionStage<SnapshotInstalled> install(
        Source<ByteString, ?> dump, java.util.function.LongConsumer bytes) {
      return scale.installSnapshot(dump, bytes);
    }
  }

  static Optional<String> unfitAsSource(ScaleStatus s) {
    return s.applyError()
        .map(e -> "its applier stopped: " + e)
        .or(() -> s.diverged().map(d -> "its database diverged: " + d))
        .or(() -> s.needsSnapshot().map(n -> "it needs a snapshot itself: " + n))
        .or(
            () ->
                s.mode().equals("starting") || s.mode().equals("restoring")
                    ? Optional.of("it is " + s.mode())
                    : Optional.empty());
  }
}
