package wolf.scale.log;

import java.util.OptionalLong;

/**
 * What the leader pinned or observed for one statement; followers set the same before replaying it.
 *
 * @param timestampMicros {@code SET timestamp}, microseconds since the epoch: NOW(),
 *     CURRENT_TIMESTAMP, UNIX_TIMESTAMP() and (rewritten) SYSDATE() all return it
 * @param randSeed1 {@code SET rand_seed1} (0 ≤ x < 2^30): RAND() without a seed
 * @param randSeed2 {@code SET rand_seed2}
 * @param insertId the first AUTO_INCREMENT value the statement generated on the leader (MariaDB's
 *     OK packet), 0 for none; replayed as {@code SET insert_id}, which makes every value the
 *     statement generates the same, consecutive from it (0 clears a forced value)
 * @param lastInsertId the session's LAST_INSERT_ID() before the statement, when it reads it
 */
public record StatementContext(
    long timestampMicros,
    long randSeed1,
    long randSeed2,
    long insertId,
    OptionalLong lastInsertId) {}
