package wolf.actors.replication;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.javadsl.Source;
import wolf.actors.wal.Wal;
import wolf.actors.wal.WalRecord;

/** {@link ReplicatedLog} over one node's {@link Replicator}. Thread-safe; nothing blocks. */
final class ReplicatedLogImpl implements ReplicatedLog {
  private final ActorRef<Replicator.Command> replicator;
  private final Wal wal;
  private final CommitWatch watch;
  private final Executor reader;
  private final AtomicLong listenerIds = new AtomicLong();

  ReplicatedLogImpl(
      ActorRef<Replicator.Command> replicator, Wal wal, CommitWatch watch, Executor reader) {
    this.replicator = replicator;
    this.wal = wal;
    this.watch = watch;
    this.reader = reader;
  }

  @Override
  public CompletionStage<Long> append(List<byte[]> payloads) {
    CompletableFuture<Long> result = new CompletableFuture<>();
    replicator.tell(new Replicator.AppendRequest(List.copyOf(payloads), result));
    return result;
  }

  @Override
  public Source<WalRecord, NotUsed> committed(long fromLsn) {
    return CommittedSource.of(wal, watch, fromLsn, reader);
  }

  @Override
  public CompletionStage<Done> resetTo(long lastLsn, long lastTerm) {
    CompletableFuture<Done> result = new CompletableFuture<>();
    replicator.tell(new Replicator.ResetRequest(lastLsn, lastTerm, result));
    return result;
  }

  @Override
  public void applied(long lsn) {
    replicator.tell(new Replicator.Applied(lsn));
  }

  @Override
  public void applyFailed(long lsn, String error) {
    replicator.tell(new Replicator.ApplyFailed(lsn, error));
  }

  @Override
  public AutoCloseable onRoleChanged(Consumer<Role> listener) {
    long id = listenerIds.incrementAndGet();
    replicator.tell(new Replicator.AddListener(id, listener));
    return () -> replicator.tell(new Replicator.RemoveListener(id));
  }

  @Override
  public CompletionStage<ReplicationStatus> status() {
    CompletableFuture<ReplicationStatus> result = new CompletableFuture<>();
    replicator.tell(new Replicator.GetStatus(result, false));
    return result;
  }

  @Override
  public CompletionStage<ReplicationStatus> clusterStatus() {
    CompletableFuture<ReplicationStatus> result = new CompletableFuture<>();
    replicator.tell(new Replicator.GetStatus(result, true));
    return result;
  }

  /** The commit watermark (for tests and metrics). */
  long commitLsn() {
    return watch.get();
  }
}
