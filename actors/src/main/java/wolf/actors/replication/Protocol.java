package wolf.actors.replication;

import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.SourceRef;
import wolf.actors.CborSerializable;
import wolf.actors.wal.WalRecord;

/**
 * The messages replicators exchange between nodes. A node's log moves only through these:
 *
 * <ol>
 *   <li>A node that Leadership names leader picks a term above every term it knows and sends {@link
 *       Prepare} to every member. A member that has promised nothing as high answers {@link
 *       Promised} with the shape of its log ({@link Epochs}), else {@link Refused}. With a majority
 *       of promises (itself included) the new leader copies the most complete log among them (by
 *       last term, then last LSN) with a {@link Subscribe} of {@code recovery = true}, appends a
 *       barrier record of its own term, and leads once that barrier is committed.
 *   <li>A follower sends {@link Subscribe} with its own {@link Epochs}; the serving node finds
 *       where the two logs agree and answers {@link Subscribed} with that point and a stream of
 *       {@link Frame}s from the next LSN, or {@link SubscribeRefused}. The follower drops its
 *       records after the point, appends the frames durably and answers each with an {@link Ack}.
 * </ol>
 *
 * Every message carries the sender's term; a node never acts on a term lower than the one it has
 * promised.
 */
public final class Protocol {
  private Protocol() {}

  /** Leader candidate {@code leader} asks for a promise of {@code term}. */
  public record Prepare(long term, String leader, ActorRef<Replicator.Command> replyTo)
      implements Replicator.Command, CborSerializable {}

  /** {@code nodeId} promised {@code term}; its log looks like {@code epochs}. */
  public record Promised(long term, String nodeId, Epochs epochs)
      implements Replicator.Command, CborSerializable {}

  /** {@code nodeId} had already promised {@code promisedTerm} (≥ the asked term). */
  public record Refused(long term, String nodeId, long promisedTerm)
      implements Replicator.Command, CborSerializable {}

  /**
   * {@code nodeId} asks for records after the point where its log ({@code epochs}) agrees with the
   * receiver's, up to {@code untilLsn} ({@link Long#MAX_VALUE}: without end, as a follower).
   *
   * @param term the term the sender has promised
   * @param recovery a new leader copying the most complete log (the receiver need not lead)
   */
  public record Subscribe(
      long term,
      String nodeId,
      Epochs epochs,
      long untilLsn,
      boolean recovery,
      ActorRef<Replicator.Command> replyTo)
      implements Replicator.Command, CborSerializable {}

  /**
   * The logs agree up to {@code matchLsn}: drop anything after it, then append {@code frames},
   * which start at {@code matchLsn + 1}.
   */
  public record Subscribed(long term, String from, long matchLsn, SourceRef<Frame> frames)
      implements Replicator.Command, CborSerializable {}

  /** Why a subscription was refused. */
  public enum Refusal {
    /** The receiver does not lead (yet): try again, or try {@code leaderHint}. */
    NOT_LEADER,
    /** The receiver no longer holds what the subscriber needs next: install a snapshot. */
    SNAPSHOT_NEEDED,
    /** The subscriber's log is ahead of the leader's in a way a term rule forbids: resync. */
    DIVERGED
  }

  /**
   * @param firstLsn the first LSN the receiver still holds ({@link Refusal#SNAPSHOT_NEEDED})
   */
  public record SubscribeRefused(
      long term, String from, Refusal reason, long firstLsn, Optional<String> leaderHint)
      implements Replicator.Command, CborSerializable {}

  /**
   * One stream element: records (possibly none) and the sender's commit LSN when it was sent.
   * Records are contiguous and follow the previous frame's.
   */
  public record Frame(long term, List<WalRecord> records, long commitLsn)
      implements CborSerializable {}

  /** Asks the leader for its view of every member ({@code wolfctl}, {@code /cluster}). */
  public record StatusQuery(long id, ActorRef<Replicator.Command> replyTo)
      implements Replicator.Command, CborSerializable {}

  /** The answer to {@link StatusQuery}. */
  public record StatusAnswer(long id, ReplicationStatus status)
      implements Replicator.Command, CborSerializable {}

  /**
   * Hand-over: the new leader asks the old one to answer {@link Drained} once it has stopped taking
   * appends, committed what it had, and the new leader holds its whole log.
   */
  public record AwaitDrained(String nodeId, ActorRef<Replicator.Command> replyTo)
      implements Replicator.Command, CborSerializable {}

  /** The old leader {@code nodeId} is drained (or gave up waiting). */
  public record Drained(String nodeId) implements Replicator.Command, CborSerializable {}

  /**
   * What {@code nodeId} holds from the leader of {@code term}: durable through {@code durableLsn},
   * applied through {@code appliedLsn}.
   */
  public record Ack(
      long term, String nodeId, long durableLsn, long appliedLsn, Optional<String> applyError)
      implements Replicator.Command, CborSerializable {}
}
