package wolf.http.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import wolf.scale.apply.ScaleStatus;

/**
 * The {@code "wolfscale"} section of {@code /status}: the MariaDB state machine. Field names are
 * snake_case and stable. Stateless and thread-safe.
 */
public final class ScaleJson {
  private ScaleJson() {}

  public static ObjectNode of(ScaleStatus s) {
    ObjectNode n = WriteJson.JSON.createObjectNode();
    n.put("mode", s.mode());
    n.put("applied_lsn", s.appliedLsn());
    n.put("apply_error", s.applyError().orElse(null));
    n.put("diverged", s.diverged().orElse(null));
    n.put("needs_snapshot", s.needsSnapshot().orElse(null));
    n.put("queued_writes", s.queuedWrites());
    n.put("writes_per_second", s.writesPerSecond());
    n.put("applied_per_second", s.appliedPerSecond());
    n.put("writes_total", s.writesTotal());
    n.put("applied_total", s.appliedTotal());
    return n;
  }
}
