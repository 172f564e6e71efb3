package wolf.actors.wal;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * The source behind {@link Wal#tail(long)} and {@link Wal#tailWritten(long)}: emits records from an
 * LSN on, each once it is durable (or, for {@code tailWritten}, once it is written to the OS), and
 * then keeps emitting as {@link SegmentedLog#durableLsn()} (or {@link SegmentedLog#writtenLsn()})
 * advances.
 *
 * <p>Backpressure: it reads only when downstream has pulled and its buffer is empty, at most
 * {@value #CHUNK_RECORDS} records or {@value #CHUNK_BYTES} bytes at a time, so a slow subscriber
 * costs one chunk of memory however far behind it is. Reads run on the {@code reader} executor
 * (never on the stream's or the writer's threads); when caught up it waits on {@link
 * SegmentedLog#durableChange()} (or {@link SegmentedLog#writtenChange()}) rather than polling.
 *
 * <p>Fails with {@link WalTruncatedException} if a truncation or reset removes records it already
 * emitted, {@link WalPrunedException} if retention or a reset deleted the LSNs it needs next, and
 * {@link WalClosedException} when the log closes.
 */
final class TailStage extends GraphStage<SourceShape<WalRecord>> {
  static final int CHUNK_RECORDS = 256;
  static final int CHUNK_BYTES = 1 << 20;

  private final Outlet<WalRecord> out = Outlet.create("WalTail.out");
  private final SourceShape<WalRecord> shape = SourceShape.of(out);
  private final SegmentedLog log;
  private final long fromLsn;
  private final Executor reader;
  private final WalMetrics metrics;
  private final boolean written;

  /**
   * @param written emit records once written to the OS, not once durable
   */
  TailStage(SegmentedLog log, long fromLsn, Executor reader, WalMetrics metrics, boolean written) {
    if (fromLsn < 1) {
      throw new IllegalArgumentException("LSNs start at 1, not " + fromLsn);
    }
    this.log = log;
    this.fromLsn = fromLsn;
    this.reader = reader;
    this.metrics = metrics;
    this.written = written;
  }

  @Override
  public SourceShape<WalRecord> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return new GraphStageLogic(shape) {
      private final ArrayDeque<WalRecord> buffer = new ArrayDeque<>();
      private long next = fromLsn;
      private long epoch;
      private boolean reading;
      private boolean waiting;
      private AsyncCallback<List<WalRecord>> onRead;
      private AsyncCallback<Throwable> onError;
      private AsyncCallback<Void> onChange;

      {
        setHandler(
            out,
            new AbstractOutHandler() {
              @Override
              public void onPull() {
                if (!buffer.isEmpty()) {
                  push(out, buffer.poll());
                } else {
                  fetch();
                }
              }
            });
      }

      @Override
      public void preStart() {
        onRead = createAsyncCallback(this::read);
        onError = createAsyncCallback(this::failStage);
        onChange =
            createAsyncCallback(
                v -> {
                  waiting = false;
                  if (buffer.isEmpty() && isAvailable(out)) {
                    fetch();
                  }
                });
        epoch = log.lastTruncation().epoch();
      }

      private void fetch() {
        if (reading || waiting) {
          return;
        }
        CompletableFuture<Void> change = written ? log.writtenChange() : log.durableChange();
        if (log.isClosed()) {
          failStage(new WalClosedException(log.directory() + ": the WAL is closed", null));
          return;
        }
        if (truncatedUnderUs()) {
          return;
        }
        long bound = written ? log.writtenLsn() : log.durableLsn();
        if (bound >= next) {
          reading = true;
          long from = next;
          reader.execute(
              () -> {
                try {
                  onRead.invoke(log.read(from, bound, CHUNK_RECORDS, CHUNK_BYTES));
                } catch (Throwable t) {
                  onError.invoke(t);
                }
              });
        } else {
          waiting = true;
          change.thenRun(() -> onChange.invoke(null));
        }
      }

      /** Fails the stage if a truncation removed records it emitted; else adopts its epoch. */
      private boolean truncatedUnderUs() {
        SegmentedLog.Truncation t = log.lastTruncation();
        if (t.epoch() != epoch) {
          if (t.lastKept() < next - 1) {
            failStage(new WalTruncatedException(t.lastKept(), next - 1));
            return true;
          }
          epoch = t.epoch();
        }
        return false;
      }

      private void read(List<WalRecord> records) {
        reading = false;
        if (log.lastTruncation().epoch() != epoch) {
          fetch(); // records read across a truncation may be gone: check and read again
          return;
        }
        metrics.read(records.size());
        buffer.addAll(records);
        if (!records.isEmpty()) {
          next = records.get(records.size() - 1).lsn() + 1;
        }
        if (isAvailable(out)) {
          if (!buffer.isEmpty()) {
            push(out, buffer.poll());
          } else {
            fetch();
          }
        }
      }
    };
  }
}
