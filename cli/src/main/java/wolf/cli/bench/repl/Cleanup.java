package wolf.cli.bench.repl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;

/**
 * Everything a benchmark started (servers, node JVMs, temp directories), closed in reverse order
 * when the benchmark ends — normally, by an exception, or by a signal (a JVM shutdown hook). Each
 * resource is closed at most once; a failing close does not stop the others. On a signal, child
 * processes not registered yet (a server still starting) are then killed by their process handle:
 * the JVM is going away and would leave them orphaned. Thread-safe.
 */
public final class Cleanup implements AutoCloseable {
  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  private final Thread hook = new Thread(this::onSignal, "bench-cleanup");

  public Cleanup() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Registers {@code resource} and returns it. */
  public synchronized <T extends AutoCloseable> T add(T resource) {
    open.push(resource);
    return resource;
  }

  /** Closes {@code resource} now, if it is still registered. */
  public void release(AutoCloseable resource) {
    boolean registered;
    synchronized (this) {
      registered = open.remove(resource);
    }
    if (registered) {
      closeQuietly(resource);
    }
  }

  /** Deletes {@code dir} and everything under it when closing. */
  public void deleteTree(Path dir) {
    add(
        () -> {
          if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
              walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
          }
        });
  }

  private void onSignal() {
    closeAll();
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
  }

  private void closeAll() {
    while (true) {
      AutoCloseable next;
      synchronized (this) {
        next = open.poll();
      }
      if (next == null) {
        return;
      }
      closeQuietly(next);
    }
  }

  private static void closeQuietly(AutoCloseable r) {
    try {
      r.close();
    } catch (Exception e) {
      System.err.println("cleanup: " + e);
    }
  }

  @Override
  public void close() {
    closeAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running or has run closeAll itself.
    }
  }

  /** A TCP port free on loopback right now. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
