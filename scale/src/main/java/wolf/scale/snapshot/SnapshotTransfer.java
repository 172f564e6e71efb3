package wolf.scale.snapshot;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamRefs;
import org.apache.pekko.util.ByteString;
import wolf.actors.CborSerializable;

/**
 * Moves WolfScale snapshots between nodes: every node runs one, registered under a key naming its
 * node ({@code wolfscale-snapshot-<id>}). A node that needs a snapshot ({@link Fetch}) asks the
 * source node's transfer for one ({@link Ask}); the source, if its database is healthy, starts a
 * consistent dump and answers with a {@link SourceRef} of it ({@link Offer}), which the requester
 * restores while it streams — end-to-end backpressure, never the whole dump in memory. One fetch at
 * a time; its progress is kept in {@link SnapshotProgress} for {@code /status}.
 */
public final class SnapshotTransfer extends AbstractBehavior<SnapshotTransfer.Command> {

  public interface Command {}

  /** What the transfer needs of its node. */
  public interface Local {
    /** Why this node's database must not serve as a snapshot source now, if so. */
    CompletionStage<Optional<String>> unfit();

    /** A consistent dump of this node's databases, run when materialized. */
    Source<ByteString, NotUsed> dump();

    /** Restores {@code dump} here, then resets the log to its LSN. */
    CompletionStage<SnapshotInstalled> install(
        Source<ByteString, ?> dump, java.util.function.LongConsumer progress);
  }

  /** Local: install a snapshot taken on {@code from}. */
  public record Fetch(String from, CompletableFuture<SnapshotInstalled> result)
      implements Command {}

  /** From another node: send a snapshot of this node's databases. */
  public record Ask(String requester, ActorRef<Command> replyTo)
      implements Command, CborSerializable {}

  /** The source's answer: the dump as a stream, or why not. */
  public record Offer(String from, Optional<SourceRef<ByteString>> data, Optional<String> refused)
      implements Command, CborSerializable {}

  private record Listed(String from, Receptionist.Listing listing) implements Command {}

  private record Checked(Ask ask, Optional<String> unfit, Throwable failure) implements Command {}

  private record Installed(SnapshotInstalled installed, Throwable failure) implements Command {}

  private enum Timeout implements Command {
    INSTANCE
  }

  static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

  public static ServiceKey<Command> key(String nodeId) {
    return ServiceKey.create(Command.class, "wolfscale-snapshot-" + nodeId);
  }

  public static Behavior<Command> create(String nodeId, Local local, SnapshotProgress progress) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  ctx.getSystem()
                      .receptionist()
                      .tell(Receptionist.register(key(nodeId), ctx.getSelf()));
                  return new SnapshotTransfer(ctx, timers, nodeId, local, progress);
                }));
  }

  private final String nodeId;
  private final Local local;
  private final SnapshotProgress progress;
  private final Materializer mat;
  private final org.apache.pekko.actor.typed.javadsl.TimerScheduler<Command> timers;
  private Fetch current;

  private SnapshotTransfer(
      ActorContext<Command> ctx,
      org.apache.pekko.actor.typed.javadsl.TimerScheduler<Command> timers,
      String nodeId,
      Local local,
      SnapshotProgress progress) {
    super(ctx);
    ctx.setLoggerName(SnapshotTransfer.class);
    this.timers = timers;
    this.nodeId = nodeId;
    this.local = local;
    this.progress = progress;
    this.mat = Materializer.matFromSystem(ctx.getSystem());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Fetch.class, this::onFetch)
        .onMessage(Listed.class, this::onListed)
        .onMessage(Offer.class, this::onOffer)
        .onMessage(Installed.class, this::onInstalled)
        .onMessageEquals(Timeout.INSTANCE, this::onTimeout)
        .onMessage(Ask.class, this::onAsk)
        .onMessage(Checked.class, this::onChecked)
        .build();
  }

  // ---- the node that needs a snapshot ----

  private Behavior<Command> onFetch(Fetch m) {
    if (current != null) {
      m.result()
          .completeExceptionally(
              new SnapshotException(
                  nodeId + " is already installing a snapshot from " + current.from(), null));
      return this;
    }
    if (m.from().equals(nodeId)) {
      m.result()
          .completeExceptionally(
              new SnapshotException(nodeId + " cannot take a snapshot from itself", null));
      return this;
    }
    current = m;
    progress.started(m.from());
    getContext().getLog().info("{}: asking {} for a snapshot", nodeId, m.from());
    getContext()
        .getSystem()
        .receptionist()
        .tell(
            Receptionist.find(
                key(m.from()),
                getContext()
                    .messageAdapter(Receptionist.Listing.class, l -> new Listed(m.from(), l))));
    timers.startSingleTimer(Timeout.INSTANCE, ASK_TIMEOUT);
    return this;
  }

  private Behavior<Command> onListed(Listed m) {
    if (current == null || !current.from().equals(m.from())) {
      return this;
    }
    var refs = m.listing().getServiceInstances(key(m.from()));
    if (refs.isEmpty()) {
      return fail("node " + m.from() + " is not a running WolfScale node of this cluster");
    }
    refs.iterator().next().tell(new Ask(nodeId, getContext().getSelf()));
    return this;
  }

  private Behavior<Command> onOffer(Offer m) {
    if (current == null || !current.from().equals(m.from())) {
      return this;
    }
    timers.cancel(Timeout.INSTANCE);
    if (m.data().isEmpty()) {
      return fail(m.from() + " refused: " + m.refused().orElse("no reason given"));
    }
    getContext().getLog().info("{}: receiving a snapshot from {}", nodeId, m.from());
    getContext()
        .pipeToSelf(
            local.install(m.data().get().getSource(), progress::bytes),
            (i, e) -> new Installed(i, e));
    return this;
  }

  private Behavior<Command> onInstalled(Installed m) {
    Fetch f = current;
    current = null;
    if (f == null) {
      return this;
    }
    if (m.failure() != null) {
      String why = String.valueOf(cause(m.failure()).getMessage());
      progress.failed(why);
      getContext()
          .getLog()
          .error("{}: installing the snapshot from {} failed: {}", nodeId, f.from(), why);
      f.result().completeExceptionally(cause(m.failure()));
    } else {
      progress.done(m.installed());
      getContext()
          .getLog()
          .info(
              "{}: installed a snapshot from {} ({} bytes, LSN {})",
              nodeId,
              f.from(),
              m.installed().bytes(),
              m.installed().lsn());
      f.result().complete(m.installed());
    }
    return this;
  }

  private Behavior<Command> onTimeout() {
    return current == null
        ? this
        : fail(current.from() + " did not answer within " + ASK_TIMEOUT.toSeconds() + " s");
  }

  private Behavior<Command> fail(String why) {
    Fetch f = current;
    current = null;
    progress.failed(why);
    getContext().getLog().warn("{}: snapshot from {} failed: {}", nodeId, f.from(), why);
    f.result().completeExceptionally(new SnapshotException(why, null));
    return this;
  }

  // ---- the source node ----

  private Behavior<Command> onAsk(Ask m) {
    getContext().pipeToSelf(local.unfit(), (u, e) -> new Checked(m, u, e));
    return this;
  }

  private Behavior<Command> onChecked(Checked m) {
    Optional<String> unfit =
        m.failure() != null ? Optional.of(String.valueOf(m.failure().getMessage())) : m.unfit();
    if (unfit.isPresent()) {
      m.ask().replyTo().tell(new Offer(nodeId, Optional.empty(), unfit));
      return this;
    }
    getContext().getLog().info("{}: sending a snapshot to {}", nodeId, m.ask().requester());
    SourceRef<ByteString> ref = local.dump().runWith(StreamRefs.sourceRef(), mat);
    m.ask().replyTo().tell(new Offer(nodeId, Optional.of(ref), Optional.empty()));
    return this;
  }

  private static Throwable cause(Throwable t) {
    while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
