package wolf.scale.apply;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The one thread a node's JDBC work runs on: the leader's executor and the applier take turns on
 * it, so their MariaDB work is serial by construction (execution order = log order = commit order)
 * and never runs on an actor thread. Tasks run in submission order. Thread-safe.
 */
public final class JdbcThread implements AutoCloseable {
  private final ExecutorService executor;
  private final String name;

  /**
   * @param name the thread's name, e.g. {@code wolfscale-jdbc-node-1}
   */
  public JdbcThread(String name) {
    this.name = name;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  /** Runs {@code task} after everything submitted before it; its result or exception. */
  public <T> CompletableFuture<T> submit(Callable<T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              f.complete(task.call());
            } catch (Throwable t) {
              f.completeExceptionally(t);
            }
          });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new IllegalStateException(name + " is closed", e));
    }
    return f;
  }

  /** Lets queued tasks finish (up to 30 s), then stops the thread. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }
}
