package wolf.scale.write;

import java.util.concurrent.CompletionStage;

/**
 * Executes writes on the cluster: on the leader directly, elsewhere by forwarding to it.
 * Thread-safe; never blocks.
 *
 * <p>The returned stage fails with {@link SqlWriteException} (MariaDB refused it: nothing logged),
 * {@link InvalidWriteException} (bad identifiers, empty key, refused as non-deterministic: nothing
 * run), or {@link WriteUnavailableException} (no leader, quorum lost, timeout: retry; when it says
 * the outcome is unknown, the write may have been applied).
 */
public interface WriteService {
  CompletionStage<WriteResult> write(WriteRequest request);
}
