package wolf.scale.apply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The row in {@code wolfscale.ddl_marker} that brackets a DDL statement, which MariaDB commits on
 * its own and so cannot share a transaction with the applied LSN.
 *
 * @param leader true: this node executed it as leader and had not yet logged it; false: this node
 *     was applying the logged record {@code lsn}
 * @param lsn the LSN the DDL's record has (follower) or must have (leader: applied + 1)
 * @param term the record's term (leader: its own term)
 * @param sha256 hex SHA-256 of the statement text, to recognise the record
 * @param sql the statement, for the operator
 */
public record DdlMarker(boolean leader, long lsn, long term, String sha256, String sql) {

  /** Hex SHA-256 of {@code sql} as UTF-8. */
  public static String hash(String sql) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
