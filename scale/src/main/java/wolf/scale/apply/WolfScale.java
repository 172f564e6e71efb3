package wolf.scale.apply;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import wolf.actors.replication.ReplicatedLog;
import wolf.config.DatabaseSettings;
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

  private WolfScale(
      ActorSystem<?> system, ActorRef<ScaleNode.Command> node, ScaleDatabase db, WriteService w) {
    this.system = system;
    this.node = node;
    this.db = db;
    this.writes = w;
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
    ScaleDatabase db = new ScaleDatabase(nodeId, database, hooks);
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
    return new WolfScale(system, node, db, new ScaleWriteService(node, planner, db::dialect));
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
