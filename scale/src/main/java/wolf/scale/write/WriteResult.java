package wolf.scale.write;

import wolf.actors.CborSerializable;

/**
 * The leader's real answer to a write.
 *
 * @param lsn the WAL record that carries it (0 when the write changed nothing and was not logged)
 * @param affectedRows as MariaDB reported them on the leader
 * @param lastInsertId as MariaDB reported it on the leader (0 when none)
 */
public record WriteResult(long lsn, long affectedRows, long lastInsertId)
    implements CborSerializable {}
