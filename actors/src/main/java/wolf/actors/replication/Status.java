package wolf.actors.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import wolf.actors.replication.Replicator.Mode;

/** Builds {@link ReplicationStatus} from a replicator's state (on its thread). */
final class Status {
  private Status() {}

  static ReplicationStatus of(Replicator r) {
    String role =
        switch (r.mode) {
          case FOLLOWING -> "follower";
          case CANDIDATE -> "recovering";
          case LEADING ->
              !r.lead.established
                  ? "recovering"
                  : r.lead.drainingTo != null ? "draining" : "leader";
        };
    long term =
        switch (r.mode) {
          case LEADING -> r.lead.term;
          case CANDIDATE -> r.candidateTerm;
          case FOLLOWING -> r.promise.term();
        };
    long durable = r.wal.durableLsn();
    long written = r.wal.writtenLsn();
    List<ReplicaInfo> replicas = new ArrayList<>();
    replicas.add(new ReplicaInfo(r.self, durable, r.applied, 0, r.applyError, 0));
    if (r.mode == Mode.LEADING) {
      long now = System.nanoTime();
      for (String id : r.members.members()) {
        if (id.equals(r.self)) {
          continue;
        }
        LeaderState.Follower f = r.lead.followers.get(id);
        replicas.add(
            f == null
                ? new ReplicaInfo(id, 0, 0, written, Optional.empty(), -1)
                : new ReplicaInfo(
                    id,
                    f.durable,
                    f.applied,
                    Math.max(0, written - f.durable),
                    f.applyError,
                    f.lastAckNanos == 0 ? -1 : (now - f.lastAckNanos) / 1_000_000));
      }
    }
    Optional<String> leader =
        r.mode == Mode.LEADING && r.lead.established ? Optional.of(r.self) : r.following.leader();
    return new ReplicationStatus(
        r.self, role, leader, term, durable, r.c.watch().get(), r.applied, r.applyError, replicas);
  }
}
