package wolf.actors.replication;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.stream.SourceRef;
import wolf.actors.replication.Protocol.Ack;
import wolf.actors.replication.Protocol.Frame;
import wolf.actors.replication.Protocol.Subscribe;
import wolf.actors.replication.Protocol.SubscribeRefused;
import wolf.actors.replication.Protocol.Subscribed;
import wolf.actors.replication.Replicator.Command;
import wolf.actors.replication.Replicator.Mode;
import wolf.actors.wal.WalPrunedException;

/**
 * The {@link Replicator}'s following half: one link at a time to the node it follows (or, for a
 * candidate, to the node whose log it copies) — subscribe, drop the records after the point where
 * the logs agree, append the stream durably, acknowledge, and raise the commit watermark to what
 * both the leader has committed and this node holds from it. Runs on the replicator's thread only.
 *
 * <p>A new link starts only once the previous one has ended, so every landed frame is counted in
 * {@link Replicator#epochs} before the next link's truncation decision.
 */
final class Following {

  record Truncated(long linkId, long match, Throwable failure) implements Command {}

  record FrameLanded(long linkId, FrameStreams.Landed landed) implements Command {}

  record LinkEnded(long linkId, Throwable failure) implements Command {}

  record ResetDone(long lastLsn, long lastTerm, CompletableFuture<Done> result, Throwable failure)
      implements Command {}

  private enum State {
    SUBSCRIBING,
    TRUNCATING,
    STREAMING
  }

  private static final class Link {
    final long id;
    final String from;
    final boolean recovery;
    final long sentNanos = System.nanoTime();
    State state = State.SUBSCRIBING;
    long term;
    long match;
    SourceRef<Frame> ref;
    FrameStreams.Consumed consumed;
    boolean cancelled;

    Link(long id, String from, boolean recovery) {
      this.id = id;
      this.from = from;
      this.recovery = recovery;
    }
  }

  private static final long SUBSCRIBE_TIMEOUT_NANOS = 3_000_000_000L;
  private static final long ACK_COALESCE_NANOS = 20_000_000L;

  private final Replicator r;
  private Optional<String> target = Optional.empty();
  private Link link;
  private long linkIds;
  private Runnable afterStop;
  private long leaderCommit;
  private long matched;
  private boolean needsSnapshot;
  private long lastAckNanos;
  private boolean ackDirty;
  private Replicator.ResetRequest pendingReset;

  Following(Replicator r) {
    this.r = r;
  }

  /** The node this one follows, as far as it knows. */
  Optional<String> leader() {
    return target;
  }

  boolean busy() {
    return link != null;
  }

  boolean needsSnapshot() {
    return needsSnapshot;
  }

  /** Follow {@code leader} from now on; a link to another node is stopped. */
  void follow(String leader) {
    if (target.isPresent() && target.get().equals(leader)) {
      return;
    }
    target = Optional.of(leader);
    if (link != null && !link.recovery && !link.from.equals(leader)) {
      stopLink();
    }
  }

  /** Runs {@code next} once no link is active (at once if none is). */
  void stopThen(Runnable next) {
    if (link == null) {
      next.run();
    } else {
      afterStop = next;
      stopLink();
    }
  }

  private void stopLink() {
    switch (link.state) {
      case SUBSCRIBING -> ended();
      case TRUNCATING -> link.cancelled = true;
      case STREAMING -> link.consumed.kill().shutdown();
    }
  }

  void stop() {
    if (link != null && link.consumed != null) {
      link.consumed.kill().shutdown();
    }
  }

  /** A candidate copies the log of {@code from} up to {@code until}. */
  void fetch(String from, long term, long until) {
    subscribe(from, term, until, true);
  }

  /** On every tick of the replicator: a subscription unanswered for too long is dropped. */
  void checkStale() {
    if (link != null
        && link.state == State.SUBSCRIBING
        && System.nanoTime() - link.sentNanos > SUBSCRIBE_TIMEOUT_NANOS) {
      if (link.recovery) {
        r.promisesFrom.remove(link.from);
      }
      ended();
    }
  }

  /** On the replicator's tick while following: (re)subscribe when there is no link. */
  void onTick() {
    if (link == null
        && r.mode == Mode.FOLLOWING
        && target.isPresent()
        && !target.get().equals(r.self)
        && !needsSnapshot
        && pendingReset == null) {
      subscribe(target.get(), r.promise.term(), Long.MAX_VALUE, false);
    }
  }

  private void subscribe(String from, long term, long until, boolean recovery) {
    Optional<ActorRef<Command>> ref = r.members.ref(from);
    if (ref.isEmpty()) {
      return;
    }
    link = new Link(++linkIds, from, recovery);
    ref.get().tell(new Subscribe(term, r.self, r.epochs, until, recovery, r.ctx.getSelf()));
  }

  Behavior<Command> onSubscribed(Subscribed m) {
    if (link == null || link.state != State.SUBSCRIBING || !link.from.equals(m.from())) {
      return r; // stale: the serving side's ref times out unused
    }
    if (!link.recovery) {
      if (m.term() < r.promise.term()) {
        ended();
        return r;
      }
      if (m.term() > r.promise.term()) {
        r.savePromise(new PromiseStore.Promise(m.term(), m.from()), Replicator.Tick.INSTANCE);
      }
    }
    link.term = m.term();
    link.match = m.matchLsn();
    link.ref = m.frames();
    long match = m.matchLsn();
    if (r.wal.writtenLsn() > match) {
      if (match < r.applied || match < r.c.watch().get()) {
        r.ctx
            .getLog()
            .error(
                "{}: {} does not hold records this node counted as committed (its log agrees up"
                    + " to LSN {}, this node applied {}); they are lost to the cluster (async mode)"
                    + " and this node must be rebuilt from a snapshot",
                r.self,
                m.from(),
                match,
                r.applied);
        r.c.watch().diverged(match);
      }
      r.ctx
          .getLog()
          .info(
              "{}: dropping LSN {}..{}, which {} does not hold",
              r.self,
              match + 1,
              r.wal.writtenLsn(),
              m.from());
      link.state = State.TRUNCATING;
      long id = link.id;
      r.ctx.pipeToSelf(r.wal.truncateAfter(match), (d, err) -> new Truncated(id, match, err));
    } else {
      startStream();
    }
    return r;
  }

  Behavior<Command> onTruncated(Truncated m) {
    if (m.failure() == null) {
      r.epochs = r.epochs.truncateAfter(m.match());
    }
    if (link == null || link.id != m.linkId()) {
      return r;
    }
    if (m.failure() != null || link.cancelled) {
      if (m.failure() != null) {
        r.ctx.getLog().error("{}: truncation failed", r.self, m.failure());
      }
      ended();
    } else {
      startStream();
    }
    return r;
  }

  private void startStream() {
    Link l = link;
    l.state = State.STREAMING;
    matched = Math.min(l.match, r.wal.durableLsn());
    ActorRef<Command> me = r.ctx.getSelf();
    l.consumed =
        FrameStreams.consume(l.ref, r.wal, r.mat, landed -> me.tell(new FrameLanded(l.id, landed)));
    l.consumed.done().whenComplete((d, err) -> me.tell(new LinkEnded(l.id, err)));
    r.ctx
        .getLog()
        .info(
            "{}: {} {} from LSN {} (term {})",
            r.self,
            l.recovery ? "copying the log of" : "following",
            l.from,
            l.match + 1,
            l.term);
    if (!l.recovery) {
      ackNow();
    }
  }

  Behavior<Command> onFrameLanded(FrameLanded m) {
    FrameStreams.Landed l = m.landed();
    if (l.hasRecords()) {
      var starts = l.starts();
      for (int i = 0; i < starts.size(); i++) {
        long end = i + 1 < starts.size() ? starts.get(i + 1).lsn() - 1 : l.lastLsn();
        r.epochs = r.epochs.append(starts.get(i).term(), starts.get(i).lsn(), end);
      }
    }
    if (link == null || link.id != m.linkId() || link.state != State.STREAMING) {
      return r;
    }
    if (l.hasRecords()) {
      matched = l.lastLsn();
    }
    if (link.recovery) {
      return r;
    }
    leaderCommit = Math.max(leaderCommit, l.commitLsn());
    r.c.watch().advance(Math.min(leaderCommit, matched));
    if (l.hasRecords()) {
      ackNow(); // the leader counts durable acknowledgements into its commit: never delay them
    } else {
      ackSoon();
    }
    if (!r.caughtUp && matched >= l.commitLsn() && r.applyError.isEmpty() && !needsSnapshot) {
      r.ctx.getLog().info("{}: caught up with {} at LSN {}", r.self, link.from, matched);
      r.reportCaughtUp(true);
    }
    return r;
  }

  Behavior<Command> onLinkEnded(LinkEnded m) {
    if (link == null || link.id != m.linkId()) {
      return r;
    }
    boolean recovery = link.recovery;
    if (m.failure() != null) {
      r.ctx
          .getLog()
          .info("{}: the link to {} ended: {}", r.self, link.from, m.failure().toString());
    }
    ended();
    if (recovery && r.mode == Mode.CANDIDATE) {
      r.checkPromises();
    }
    return r;
  }

  Behavior<Command> onRefused(SubscribeRefused m) {
    if (link == null || link.state != State.SUBSCRIBING || !link.from.equals(m.from())) {
      return r;
    }
    if (m.reason() == Protocol.Refusal.SNAPSHOT_NEEDED) {
      needsSnapshot = true;
      long from = r.epochs.lastLsn() + 1;
      r.ctx
          .getLog()
          .warn(
              "{}: {} no longer holds LSN {} (its log starts at {}): a snapshot is needed",
              r.self,
              m.from(),
              from,
              m.firstLsn());
      r.reportCaughtUp(false);
      r.c.watch().block(() -> new WalPrunedException(from, m.firstLsn()));
    }
    ended();
    return r;
  }

  private void ended() {
    link = null;
    if (afterStop != null) {
      Runnable next = afterStop;
      afterStop = null;
      next.run();
    }
  }

  // ---- acknowledgements ----

  private void ackNow() {
    ackDirty = false;
    if (link == null || link.recovery || link.state != State.STREAMING) {
      return;
    }
    // Never acknowledge to a leader of a term below our promise: it could count us for a commit
    // the new leader does not know of.
    if (link.term < r.promise.term()) {
      return;
    }
    r.members
        .ref(link.from)
        .ifPresent(ref -> ref.tell(new Ack(link.term, r.self, matched, r.applied, r.applyError)));
    lastAckNanos = System.nanoTime();
  }

  void ackSoon() {
    if (System.nanoTime() - lastAckNanos > ACK_COALESCE_NANOS) {
      ackNow();
    } else {
      ackDirty = true;
    }
  }

  void flushAck() {
    if (ackDirty) {
      ackNow();
    }
  }

  // ---- snapshots ----

  Behavior<Command> onReset(Replicator.ResetRequest m) {
    if (r.mode != Mode.FOLLOWING) {
      m.result()
          .completeExceptionally(
              new IllegalStateException(
                  r.self + ": a snapshot can be installed only while following"));
      return r;
    }
    pendingReset = m;
    stopThen(this::doReset);
    return r;
  }

  private void doReset() {
    Replicator.ResetRequest m = pendingReset;
    r.ctx.pipeToSelf(
        r.wal.resetTo(m.lastLsn(), m.lastTerm()),
        (d, err) -> new ResetDone(m.lastLsn(), m.lastTerm(), m.result(), err));
  }

  Behavior<Command> onResetDone(ResetDone m) {
    pendingReset = null;
    if (m.failure() != null) {
      m.result().completeExceptionally(Serving.unwrap(m.failure()));
      return r;
    }
    r.epochs = Epochs.resetPoint(m.lastLsn(), m.lastTerm());
    r.c.watch().reset(m.lastLsn());
    needsSnapshot = false;
    matched = m.lastLsn();
    leaderCommit = Math.max(leaderCommit, m.lastLsn());
    r.applied = m.lastLsn();
    r.ctx
        .getLog()
        .info("{}: snapshot installed; the log continues after LSN {}", r.self, m.lastLsn());
    m.result().complete(Done.getInstance());
    return r;
  }
}
