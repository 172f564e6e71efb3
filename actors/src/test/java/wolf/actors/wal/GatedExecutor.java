package wolf.actors.wal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The writer's I/O executor for tests: one thread, each task waits for a permit, so a test can hold
 * a write "in flight" for as long as it likes and count the group commits.
 */
final class GatedExecutor implements Executor, AutoCloseable {
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final Semaphore permits = new Semaphore(0);
  private final AtomicInteger started = new AtomicInteger();

  @Override
  public void execute(Runnable task) {
    thread.execute(
        () -> {
          started.incrementAndGet();
          permits.acquireUninterruptibly();
          task.run();
        });
  }

  /** Lets every task run from now on. */
  void open() {
    permits.release(1_000_000);
  }

  /** Tasks that began (and are perhaps waiting at the gate). */
  int started() {
    return started.get();
  }

  /** Waits until {@code n} tasks have started. */
  void awaitStarted(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (started.get() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + started.get() + " of " + n + " I/O tasks started");
      }
      Thread.sleep(1);
    }
  }

  @Override
  public void close() {
    open();
    thread.shutdown();
  }
}
