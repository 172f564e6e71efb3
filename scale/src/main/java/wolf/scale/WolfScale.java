package wolf.scale;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import wolf.actors.replication.ReplicatedLog;
import wolf.config.DatabaseSettings;
import wolf.scale.apply.FaultHooks;
import wolf.scale.apply.ScaleDatabase;
import wolf.scale.apply.ScaleLimits;
import wolf.scale.apply.ScaleNode;
import wolf.scale.apply.ScaleStatus;
import wolf.scale.apply.ScaleWriteService;
import wolf.scale.snapshot.SnapshotInstalled;
import wolf.scale.snapshot.Snapshots;
import wolf.scale.sql.LeaderUuids;
import wolf.scale.sql.WritePlanner;
import wolf.scale.write.WriteService;

/**
 * WolfScale's MariaDB side of one node, ready to wire into a daemon: the {@link ScaleNode} actor (a
 * system actor named {@code wolfscale-<node>}), its {@link ScaleDatabase} and the {@link
 * WriteService} to give {@code WriteGateway} as its {@code local}. {@link #close} stops both.
 */
public final class WolfScale implements AutoCloseable {
  /** Distinguishes actor names when a node is restarted inside one ActorSystem (tests). */
  private static final java.util.concurrent.atomic.AtomicInteger INCARNATION =
      new java.util.concurrent.atomic.AtomicInteger();

  private final ActorSystem<?> system;
  private final ActorRef<ScaleNode.Command> node;
  private final ScaleDatabase db;
  private final WriteService writes;
  private final ReplicatedLog log;
  private final Snapshots snapshots;

  private WolfScale(
      ActorSystem<?> system,
      ActorRef<ScaleNode.Command> node,
      ScaleDatabase db,
      WriteService w,
      ReplicatedLog log,
      DatabaseSettings settings) {
    this.system = system;
    this.node = node;
    this.db = db;
    this.writes = w;
    this.log = log;
    this.snapshots =
        new Snapshots(settings, system.dispatchers().lookup(DispatcherSelector.blocking()));
  }

  /** With default limits and no fault hooks. */
  public static WolfScale start(
      ActorSystem<?> system, String nodeId, DatabaseSettings database, ReplicatedLog log) {
    return start(system, nodeId, database, log, ScaleLimits.defaults(), FaultHooks.NONE);
  }

  /**
   * @param database this node's local MariaDB ({@code [database]})
   * @param log this node's handle on the replicated log
   */
  public static WolfScale start(
      ActorSystem<?> system,
      String nodeId,
      DatabaseSettings database,
      ReplicatedLog log,
      ScaleLimits limits,
      FaultHooks hooks) {
    ScaleDatabase db = new ScaleDatabase(nodeId, database, hooks, limits.idleCheck());
    ActorRef<ScaleNode.Command> node =
        system.systemActorOf(
            ScaleNode.create(nodeId, log, db, limits),
            "wolfscale-"
                + nodeId.replaceAll("[^A-Za-z0-9_-]", "_")
                + "-"
                + INCARNATION.incrementAndGet(),
            Props.empty());
    WritePlanner planner =
        new WritePlanner(database.database(), new LeaderUuids(nodeId.hashCode()));
    return new WolfScale(
        system, node, db, new ScaleWriteService(node, planner, db::dialect), log, database);
  }

  /** Runs writes on this node when it leads; {@code NotLeadingException} otherwise. */
  public WriteService writes() {
    return writes;
  }

  /** The state machine's status. */
  public CompletionStage<ScaleStatus> status() {
    return AskPattern.ask(
        node, ScaleNode.GetStatus::new, Duration.ofSeconds(5), system.scheduler());
  }

  /** After an operator fixed the cause of an apply error: apply again from the failed record. */
  public void retryApply() {
    node.tell(ScaleNode.RetryApply.INSTANCE);
  }

  /**
   * A consistent dump of this node's databases, {@code wolfscale} schema included (see {@link
   * Snapshots#dump}); for a node that needs a snapshot. Runs when materialized.
   */
  public Source<ByteString, NotUsed> dump() {
    return snapshots.dump();
  }

  /**
   * Replaces this node's databases with {@code dump} (from {@link #dump()} on a caught-up node),
   * then tells the log ({@link ReplicatedLog#resetTo}) and resumes applying after the snapshot's
   * LSN. Only while following; the applier is stopped meanwhile; apply errors, divergence and
   * "needs a snapshot" are cleared by success.
   *
   * @param progress bytes read so far, about every MiB
   */
  public CompletionStage<SnapshotInstalled> installSnapshot(
      Source<ByteString, ?> dump, LongConsumer progress) {
    CompletableFuture<SnapshotInstalled> done = new CompletableFuture<>();
    Materializer m = Materializer.matFromSystem(system);
    node.tell(
        new ScaleNode.Exclusive<SnapshotInstalled>(
            () ->
                snapshots
                    .restore(dump, progress, m)
                    .thenCompose(i -> log.resetTo(i.lsn(), i.term()).thenApply(d -> i)),
            done));
    return done;
  }

  public ActorRef<ScaleNode.Command> node() {
    return node;
  }

  public ScaleDatabase database() {
    return db;
  }

  @Override
  public void close() {
    node.tell(ScaleNode.Stop.INSTANCE);
    db.close();
  }
}
