package wolf.config;

/**
 * When the leader answers a write, written in TOML in lower case ({@code "quorum"}).
 *
 * <p>All nodes must use the same mode, since the leader's mode decides and any node may lead.
 */
public enum CommitMode {
  /** After the leader's own durable append and local apply. A failover can lose recent writes. */
  ASYNC,
  /** After a majority of members (leader included) hold the record durably. */
  QUORUM,
  /** After every member holds the record durably; one slow node slows every write. */
  ALL
}
