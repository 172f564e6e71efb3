package wolf.cli.bench.repl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives {@code threads} clients, each with its own {@link Client}, for a warm-up and then a
 * measured window, and hands every acknowledged row id to the lag probes. Two shapes:
 *
 * <ul>
 *   <li>paced ({@code ratePerS > 0}): open loop, request {@code n} is due at {@code start + n /
 *       rate}, spread round-robin over the threads; latency counts from the due time, so a stall
 *       cannot hide behind a late send.
 *   <li>flat out ({@code ratePerS == 0}): closed loop, each thread sends its next request when the
 *       previous one is answered.
 * </ul>
 */
public final class Load {
  /** The shape of one run. */
  public record Spec(int threads, double ratePerS, Duration warmup, Duration measure) {}

  /** Opens one client per thread; may fail, which fails the run. */
  @FunctionalInterface
  public interface ClientFactory {
    Client open() throws Exception;
  }

  /**
   * What a run measured. {@code latencies}: time = completion, value = request latency. [{@code
   * from}, {@code to}) is the measured window ({@link System#nanoTime} scale). {@code lastId} is
   * the highest row id acknowledged, at {@code lastAckNanos}.
   */
  public record Result(
      Samples latencies,
      long ok,
      long failed,
      String firstError,
      long from,
      long to,
      long lastId,
      long lastAckNanos) {
    public double perSecond() {
      return latencies.size() / ((to - from) / 1e9);
    }
  }

  private Load() {}

  /** Runs {@code spec} and returns after every thread has finished its last request. */
  public static Result run(Spec spec, ClientFactory factory, List<? extends AckListener> probes)
      throws Exception {
    List<Client> clients = new ArrayList<>();
    try {
      for (int i = 0; i < spec.threads(); i++) {
        clients.add(factory.open());
      }
      long start = System.nanoTime() + 20_000_000;
      long from = start + spec.warmup().toNanos();
      long to = from + spec.measure().toNanos();
      List<Worker> workers = new ArrayList<>();
      CountDownLatch done = new CountDownLatch(spec.threads());
      for (int i = 0; i < spec.threads(); i++) {
        Worker w = new Worker(i, spec, clients.get(i), probes, start, to, done);
        workers.add(w);
        Thread t = new Thread(w, "load-" + i);
        t.setDaemon(true);
        t.start();
      }
      done.await();
      List<Samples> lat = new ArrayList<>();
      long ok = 0;
      long failed = 0;
      long lastId = -1;
      long lastAck = 0;
      String firstError = null;
      for (Worker w : workers) {
        lat.add(w.latencies.window(from, to));
        ok += w.ok;
        failed += w.failed;
        if (w.lastId > lastId) {
          lastId = w.lastId;
          lastAck = w.lastAck;
        }
        if (firstError == null && w.error.get() != null) {
          firstError = w.error.get();
        }
      }
      return new Result(Samples.merge(lat), ok, failed, firstError, from, to, lastId, lastAck);
    } finally {
      clients.forEach(Client::close);
    }
  }

  private static final class Worker implements Runnable {
    private final int index;
    private final Spec spec;
    private final Client client;
    private final List<? extends AckListener> probes;
    private final long start;
    private final long end;
    private final CountDownLatch done;
    private final Samples latencies = new Samples();
    private final AtomicReference<String> error = new AtomicReference<>();
    private long ok;
    private long failed;
    private long lastId = -1;
    private long lastAck;

    Worker(
        int index,
        Spec spec,
        Client client,
        List<? extends AckListener> probes,
        long start,
        long end,
        CountDownLatch done) {
      this.index = index;
      this.spec = spec;
      this.client = client;
      this.probes = probes;
      this.start = start;
      this.end = end;
      this.done = done;
    }

    @Override
    public void run() {
      try {
        double interval = spec.ratePerS() > 0 ? 1e9 / spec.ratePerS() : 0;
        for (int n = 0; ; n++) {
          long due;
          if (interval > 0) {
            due = start + (long) ((index + (double) n * spec.threads()) * interval);
            waitUntil(due);
          } else {
            waitUntil(start);
            due = System.nanoTime();
          }
          if (due >= end) {
            return;
          }
          request(n, due);
        }
      } finally {
        done.countDown();
      }
    }

    private void request(int n, long due) {
      try {
        long id = client.send(index * 1_000_000 + n);
        long acked = System.nanoTime();
        latencies.add(acked, acked - due);
        ok++;
        if (id >= 0) {
          if (id > lastId) {
            lastId = id;
            lastAck = acked;
          }
          for (AckListener p : probes) {
            p.offer(id, acked);
          }
        }
      } catch (Exception e) {
        failed++;
        error.compareAndSet(null, e.toString());
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LockSupport.parkNanos(1_000_000); // a dead server must not turn this into a hot loop
      }
    }

    private static void waitUntil(long t) {
      long left;
      while ((left = t - System.nanoTime()) > 0) {
        LockSupport.parkNanos(left);
      }
    }
  }
}
