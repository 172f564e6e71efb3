package wolf.scale.apply;

import java.util.Optional;

/**
 * What WolfScale's state machine reports for {@code /status} and {@code wolfctl}.
 *
 * @param mode {@code starting} (connecting to MariaDB), {@code following} (applying), {@code
 *     catching-up} (leading, applying what the previous term committed), {@code leading} (executing
 *     writes), {@code recovering} (leading, settling an append whose outcome was unknown), {@code
 *     draining} (handing over), {@code stopped} (apply error, divergence, or a snapshot is needed),
 *     {@code restoring} (installing a snapshot)
 * @param appliedLsn last record applied to the local MariaDB (-1 before it was read)
 * @param applyError why applying stopped at a record, if it did
 * @param diverged why this node's database no longer matches the log, if it does not: resync it
 *     from a snapshot
 * @param needsSnapshot why the log cannot feed this node (pruned or truncated away), if so
 * @param queuedWrites writes waiting for the leader executor
 * @param writesPerSecond writes committed by this node as leader over the last second
 * @param appliedPerSecond records applied by this node's applier over the last second
 * @param writesTotal writes committed as leader since start
 * @param appliedTotal records applied since start
 */
public record ScaleStatus(
    String mode,
    long appliedLsn,
    Optional<String> applyError,
    Optional<String> diverged,
    Optional<String> needsSnapshot,
    int queuedWrites,
    double writesPerSecond,
    double appliedPerSecond,
    long writesTotal,
    long appliedTotal) {}
