package wolf.actors.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import wolf.actors.WolfNode;
import wolf.actors.cluster.HandOver;
import wolf.actors.wal.Wal;

/**
 * Starts the replicated log on a node:
 *
 * <pre>{@code
 * Replication.HandOverHook hook = new Replication.HandOverHook();
 * WolfNode node = WolfNode.start(kernelSettings.withStartCaughtUp(false), hook);
 * Wal wal = Wal.open(node.system(), dir.resolve("wal"), walSettings);
 * ReplicatedLog log = Replication.start(node, wal, dir, ReplicationSettings.defaults(mode), hook);
 * }</pre>
 *
 * The node must start not caught up: the replicator declares it caught up once it holds the
 * leader's log (or no leader exists). Details: {@code docs/REPLICATION.md}.
 */
public final class Replication {
  private Replication() {}

  /**
   * The kernel's hand-over seam, bound to the replicator once it runs (before that, hand-overs
   * proceed at once: there is nothing to drain).
   */
  public static final class HandOverHook implements HandOver {
    private final AtomicReference<ActorRef<Replicator.Command>> replicator =
        new AtomicReference<>();

    @Override
    public CompletionStage<Done> prepare(String self, String from, String to) {
      ActorRef<Replicator.Command> r = replicator.get();
      if (r == null) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }
      CompletableFuture<Done> done = new CompletableFuture<>();
      r.tell(new Replicator.HandOverRequest(from, to, done));
      return done;
    }

    void bind(ActorRef<Replicator.Command> r) {
      replicator.set(r);
    }
  }

  /**
   * Starts the node's replicator over {@code wal}; blocks while it reads the shape of the log and
   * its promise (a few reads).
   *
   * @param stateDir where the promise file lives (with the WAL's parent, for instance)
   */
  public static ReplicatedLog start(
      WolfNode node, Wal wal, Path stateDir, ReplicationSettings settings, HandOverHook hook)
      throws IOException {
    PromiseStore promises = new PromiseStore(stateDir);
    PromiseStore.Promise promise = promises.load();
    Epochs epochs = readEpochs(wal);
    CommitWatch watch = new CommitWatch();
    Executor blocking = node.system().dispatchers().lookup(DispatcherSelector.blocking());
    Replicator.Context c =
        new Replicator.Context(
            node.settings().nodeId(),
            node.settings().role(),
            wal,
            settings,
            watch,
            promises,
            blocking,
            node::setCaughtUp);
    ActorRef<Replicator.Command> ref =
        node.system()
            .systemActorOf(Replicator.create(c, promise, epochs), "replicator", Props.empty());
    hook.bind(ref);
    node.onLeaderChanged(e -> ref.tell(new Replicator.LeaderViewChanged(e)));
    return new ReplicatedLogImpl(ref, wal, watch, blocking);
  }

  /** The terms of the records {@code wal} holds, from a reset point if it has one. */
  static Epochs readEpochs(Wal wal) {
    long first = wal.firstLsn();
    long from = first > 1 && wal.termAt(first - 1).isPresent() ? first - 1 : first;
    return Epochs.read(from, wal.writtenLsn(), wal::termAt);
  }
}
