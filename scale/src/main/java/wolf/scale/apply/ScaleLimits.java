package wolf.scale.apply;

import java.time.Duration;

/**
 * Bounds of the leader's write queue and batches and of the applier's groups.
 *
 * @param maxBatchWrites most writes the leader runs in one MariaDB transaction and one append
 * @param maxBatchBytes most planned bytes in one batch (one write always goes)
 * @param maxQueuedWrites writes that may wait for the executor; beyond it a write is refused as
 *     overloaded (nothing written)
 * @param maxQueuedBytes planned bytes that may wait
 * @param maxGroupRecords most records the applier applies in one transaction
 * @param maxGroupBytes most payload bytes in one applier group
 * @param retryDelay pause before reconnecting, restarting the applier or retrying a barrier
 * @param idleCheck after this long unused, the leader's connection is checked (and replaced if the
 *     server closed it, e.g. {@code wait_timeout}) before the next batch, so that batch does not
 *     fail
 */
public record ScaleLimits(
    int maxBatchWrites,
    long maxBatchBytes,
    int maxQueuedWrites,
    long maxQueuedBytes,
    int maxGroupRecords,
    long maxGroupBytes,
    Duration retryDelay,
    Duration idleCheck) {

  /**
   * Batches of up to 256 writes / 4 MiB, a queue of 16,384 writes / 64 MiB, applier groups of up to
   * 512 records / 4 MiB, retries after 500 ms, idle connections checked after 10 s.
   */
  public static ScaleLimits defaults() {
    return new ScaleLimits(
        256,
        4 << 20,
        16_384,
        64L << 20,
        512,
        4 << 20,
        Duration.ofMillis(500),
        Duration.ofSeconds(10));
  }
}
