package wolf.actors.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import wolf.actors.replication.Protocol.Ack;
import wolf.actors.replication.Protocol.AwaitDrained;
import wolf.actors.replication.Protocol.Drained;
import wolf.actors.replication.Protocol.Refusal;
import wolf.actors.replication.Protocol.Subscribe;
import wolf.actors.replication.Protocol.SubscribeRefused;
import wolf.actors.replication.Protocol.Subscribed;
import wolf.actors.replication.Replicator.Command;
import wolf.actors.replication.Replicator.Mode;

/**
 * The {@link Replicator}'s leading half: establishing a term (the barrier record), appends, the
 * streams it serves, acknowledgements, the commit LSN, and hand-over. Runs on the replicator's
 * thread only.
 */
final class Serving {

  record LocalAppended(
      long term,
      CompletableFuture<Long> result,
      long deadlineNanos,
      int count,
      Long first,
      Throwable failure)
      implements Command {}

  record BarrierAppended(long term, Long lsn, Throwable failure) implements Command {}

  private final Replicator r;
  private long streamIds;
  private final List<ActorRef<Command>> drainWaiters = new ArrayList<>();
  private CompletableFuture<Done> awaitingOldLeader;
  private long awaitingDeadlineNanos;

  Serving(Replicator r) {
    this.r = r;
  }

  // ---- establishing ----

  /** With a majority of promises and the most complete log: append the barrier of {@code term}. */
  void establish(long term) {
    r.mode = Mode.LEADING;
    r.lead = new LeaderState(term);
    r.ctx.pipeToSelf(
        r.wal.appendAll(term, List.of(new byte[0])),
        (lsn, err) -> new BarrierAppended(term, lsn, err));
  }

  Behavior<Command> onBarrierAppended(BarrierAppended m) {
    if (m.failure() != null) {
      r.ctx
          .getLog()
          .error("{}: cannot append the barrier of term {}", r.self, m.term(), m.failure());
      if (r.lead != null && r.lead.term == m.term()) {
        r.stepDown("the barrier could not be written");
      }
      return r;
    }
    r.epochs = r.epochs.append(m.term(), m.lsn(), m.lsn());
    if (r.lead != null && r.lead.term == m.term()) {
      r.lead.barrierLsn = m.lsn();
      r.ctx
          .getLog()
          .info(
              "{}: term {} begins at LSN {}; waiting for it to commit", r.self, m.term(), m.lsn());
      recomputeCommit();
    }
    return r;
  }

  // ---- appends ----

  Behavior<Command> onAppend(Replicator.AppendRequest m) {
    LeaderState lead = r.lead;
    if (r.mode != Mode.LEADING || !lead.established || lead.drainingTo != null) {
      String why =
          r.mode == Mode.LEADING && lead.drainingTo != null
              ? r.self + " is handing leadership over to " + lead.drainingTo
              : r.self + " does not lead (" + r.role() + ")";
      m.result().completeExceptionally(new NotLeaderException(why, r.leaderView));
      return r;
    }
    if (m.payloads().isEmpty()) {
      m.result().completeExceptionally(new IllegalArgumentException("nothing to append"));
      return r;
    }
    for (byte[] p : m.payloads()) {
      if (p.length == 0 || p.length > r.c.settings().maxPayloadBytes()) {
        m.result()
            .completeExceptionally(
                new IllegalArgumentException(
                    "a record must hold 1 to "
                        + r.c.settings().maxPayloadBytes()
                        + " bytes, not "
                        + p.length));
        return r;
      }
    }
    long deadline = System.nanoTime() + r.c.settings().commitTimeout().toNanos();
    long term = lead.term;
    int n = m.payloads().size();
    lead.appending.add(m.result());
    r.ctx.pipeToSelf(
        r.wal.appendAll(term, m.payloads()),
        (first, err) -> new LocalAppended(term, m.result(), deadline, n, first, err));
    return r;
  }

  Behavior<Command> onLocalAppended(LocalAppended m) {
    boolean current = r.lead != null && r.lead.term == m.term();
    if (current) {
      r.lead.appending.remove(m.result());
    }
    if (m.failure() != null) {
      m.result().completeExceptionally(unwrap(m.failure()));
      checkDrain();
      return r;
    }
    long last = m.first() + m.count() - 1;
    r.epochs = r.epochs.append(m.term(), m.first(), last);
    if (!current) {
      m.result()
          .completeExceptionally(
              new ReplicationException(
                  r.self
                      + " lost leadership of term "
                      + m.term()
                      + " before the commit;"
                      + " the outcome is unknown"));
      return r;
    }
    r.lead.waiting.put(
        last, new LeaderState.Waiting(m.first(), last, m.result(), m.deadlineNanos()));
    recomputeCommit();
    return r;
  }

  /** Counts what members hold durably into the commit LSN; answers what it commits. */
  void recomputeCommit() {
    LeaderState lead = r.lead;
    if (lead == null || lead.barrierLsn < 0) {
      return;
    }
    long commit =
        Quorum.commitLsn(
            r.c.settings().commitMode(),
            r.self,
            r.members.members(),
            r.c.settings().expectedMembers(),
            lead.durable(r.self, r.wal.durableLsn()));
    // Raft's rule: only a record of the current term is committed by counting; the barrier is it.
    if (commit < lead.barrierLsn) {
      return;
    }
    long before = r.c.watch().get();
    r.c.watch().advance(commit);
    if (!lead.established) {
      lead.established = true;
      r.ctx
          .getLog()
          .info(
              "{}: leading term {}; everything up to LSN {} is committed",
              r.self,
              lead.term,
              lead.barrierLsn);
      r.reportCaughtUp(true);
      r.notifyRole();
    }
    for (LeaderState.Waiting w : lead.committed(commit)) {
      w.result().complete(w.first());
    }
    if (commit > before) {
      for (LeaderState.Follower f : lead.followers.values()) {
        if (f.ticks != null) {
          f.ticks.offer(commit);
        }
      }
    }
    checkDrain();
  }

  // ---- serving streams ----

  Behavior<Command> onSubscribe(Subscribe m) {
    long term;
    if (m.recovery()) {
      if (r.promise.term() != m.term() || !r.promise.leader().equals(m.nodeId())) {
        refuse(m, Refusal.NOT_LEADER, r.promise.term());
        return r;
      }
      term = m.term();
    } else {
      LeaderState lead = r.lead;
      if (r.mode == Mode.LEADING && m.term() > lead.term) {
        r.stepDown(m.nodeId() + " has promised term " + m.term());
        r.notifyRole();
      }
      if (r.mode != Mode.LEADING || r.lead.barrierLsn < 0) {
        refuse(m, Refusal.NOT_LEADER, r.promise.term());
        return r;
      }
      term = r.lead.term;
    }
    Epochs mine = r.epochs;
    if (!m.recovery() && r.wal.writtenLsn() > mine.lastLsn()) {
      // Records this leader wrote whose appends are not answered yet are of its own term, and a
      // follower may already hold (and have acknowledged) them: count them as agreed.
      mine = mine.append(r.lead.term, mine.lastLsn() + 1, r.wal.writtenLsn());
    }
    long match = mine.matchPoint(m.epochs());
    if (match + 1 < r.wal.firstLsn()) {
      r.ctx
          .getLog()
          .warn(
              "{}: {} needs records from LSN {}, but this log starts at {}: it needs a snapshot",
              r.self,
              m.nodeId(),
              match + 1,
              r.wal.firstLsn());
      m.replyTo()
          .tell(
              new SubscribeRefused(
                  term, r.self, Refusal.SNAPSHOT_NEEDED, r.wal.firstLsn(), r.leaderView));
      return r;
    }
    long id = ++streamIds;
    FrameStreams.Served served =
        FrameStreams.serve(
            r.wal,
            match + 1,
            m.recovery() ? m.untilLsn() : Long.MAX_VALUE,
            term,
            m.recovery() ? () -> 0 : r.c.watch()::get,
            r.c.settings().frameBytes(),
            r.mat);
    if (!m.recovery()) {
      LeaderState.Follower f = r.lead.follower(m.nodeId());
      f.stopStream();
      f.kill = served.kill();
      f.ticks = served.ticks();
      f.streamId = id;
      // A first frame at once tells the follower the commit LSN, even when nothing is written.
      served.ticks().offer(0L);
    }
    r.ctx
        .getLog()
        .debug("{}: serving {} from LSN {} (term {})", r.self, m.nodeId(), match + 1, term);
    m.replyTo().tell(new Subscribed(term, r.self, match, served.ref()));
    return r;
  }

  private void refuse(Subscribe m, Refusal why, long term) {
    m.replyTo().tell(new SubscribeRefused(term, r.self, why, r.wal.firstLsn(), r.leaderView));
  }

  Behavior<Command> onAck(Ack m) {
    LeaderState lead = r.lead;
    if (lead == null) {
      return r;
    }
    if (m.term() > lead.term) {
      r.stepDown(m.nodeId() + " acknowledges term " + m.term());
      r.notifyRole();
      return r;
    }
    if (m.term() < lead.term) {
      return r;
    }
    LeaderState.Follower f = lead.follower(m.nodeId());
    f.durable = Math.max(f.durable, m.durableLsn());
    f.applied = m.appliedLsn();
    f.applyError = m.applyError();
    f.lastAckNanos = System.nanoTime();
    r.wal.applied(m.nodeId(), m.appliedLsn());
    recomputeCommit();
    return r;
  }

  /** Commit timeouts and hand-over progress; on the replicator's tick. */
  void onTick() {
    LeaderState lead = r.lead;
    if (lead != null) {
      List<LeaderState.Waiting> late = lead.overdue(System.nanoTime());
      if (!late.isEmpty()) {
        ReplicationException e =
            new ReplicationException(
                r.self
                    + ": not committed within "
                    + r.c.settings().commitTimeout().toMillis()
                    + " ms ("
                    + r.c.settings().commitMode().name().toLowerCase()
                    + " mode); the outcome is unknown");
        late.forEach(w -> w.result().completeExceptionally(e));
        r.ctx
            .getLog()
            .warn(
                "{}: {} append(s) not committed in time; re-establishing the log under a new term",
                r.self,
                late.size());
        r.stepDown("commit timed out");
        r.notifyRole();
        r.following.stopThen(r::startCandidacyIfLeader);
      }
      checkDrain();
    }
    if (awaitingOldLeader != null && System.nanoTime() - awaitingDeadlineNanos > 0) {
      r.ctx.getLog().warn("{}: the old leader did not confirm its hand-over in time", r.self);
      awaitingOldLeader.complete(Done.getInstance());
      awaitingOldLeader = null;
    }
  }

  // ---- hand-over ----

  Behavior<Command> onHandOver(Replicator.HandOverRequest m) {
    if (m.from().equals(r.self)) {
      startDraining(m.to(), m.result());
    } else if (m.to().equals(r.self)) {
      var old = r.members.ref(m.from());
      if (old.isEmpty()) {
        m.result().complete(Done.getInstance());
      } else {
        if (awaitingOldLeader != null) {
          awaitingOldLeader.complete(Done.getInstance());
        }
        awaitingOldLeader = m.result();
        awaitingDeadlineNanos = System.nanoTime() + r.c.settings().handOverTimeout().toNanos();
        old.get().tell(new AwaitDrained(r.self, r.ctx.getSelf()));
      }
    } else {
      m.result().complete(Done.getInstance());
    }
    return r;
  }

  private void startDraining(String to, CompletableFuture<Done> done) {
    LeaderState lead = r.lead;
    if (r.mode != Mode.LEADING || !lead.established) {
      done.complete(Done.getInstance());
      return;
    }
    if (lead.drainingTo == null) {
      r.ctx.getLog().info("{}: handing over to {}: taking no new appends, draining", r.self, to);
      lead.drainingTo = to;
      lead.drainDeadlineNanos = System.nanoTime() + r.c.settings().handOverTimeout().toNanos();
      r.notifyRole();
    }
    if (lead.drained != null && lead.drained != done) {
      lead.drained.whenComplete((x, e) -> done.complete(Done.getInstance()));
    } else {
      lead.drained = done;
    }
    checkDrain();
  }

  Behavior<Command> onAwaitDrained(AwaitDrained m) {
    drainWaiters.add(m.replyTo());
    if (r.mode == Mode.LEADING && r.lead.established) {
      startDraining(m.nodeId(), new CompletableFuture<>());
    } else {
      answerDrainWaiters();
    }
    return r;
  }

  Behavior<Command> onDrained(Drained m) {
    if (awaitingOldLeader != null) {
      r.ctx.getLog().info("{}: {} has drained; taking over", r.self, m.nodeId());
      awaitingOldLeader.complete(Done.getInstance());
      awaitingOldLeader = null;
    }
    return r;
  }

  private void checkDrain() {
    LeaderState lead = r.lead;
    if (lead == null || lead.drainingTo == null || lead.drained == null || lead.drained.isDone()) {
      return;
    }
    LeaderState.Follower next = lead.followers.get(lead.drainingTo);
    boolean holds = next != null && next.durable >= r.wal.writtenLsn();
    boolean late = System.nanoTime() - lead.drainDeadlineNanos > 0;
    if ((lead.quiet() && holds) || late) {
      if (late) {
        r.ctx
            .getLog()
            .warn(
                "{}: hand-over to {}: not drained in time (it holds LSN {}, this log {})",
                r.self,
                lead.drainingTo,
                next == null ? 0 : next.durable,
                r.wal.writtenLsn());
      } else {
        r.ctx
            .getLog()
            .info(
                "{}: drained; {} holds the whole log (LSN {})",
                r.self,
                lead.drainingTo,
                next.durable);
      }
      lead.drained.complete(Done.getInstance());
      answerDrainWaiters();
    }
  }

  private void answerDrainWaiters() {
    drainWaiters.forEach(w -> w.tell(new Drained(r.self)));
    drainWaiters.clear();
  }

  static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
