package wolf.actors.cluster;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Optional;
import org.apache.pekko.cluster.Member;

/**
 * Node ids and their natural order, the order leadership uses: the lowest id leads.
 *
 * <p>Ids are compared as runs of digits and runs of non-digits. Two digit runs compare by numeric
 * value, anything else compares lexically (by UTF-16 code unit, like {@link String#compareTo}). So
 * {@code node-2 < node-9 < node-10 < node-10a < node-11} and {@code a < b1}. Ids that are
 * numerically equal but spelled differently ({@code node-02} and {@code node-2}) fall back to plain
 * string order, which keeps the order total and consistent with {@code equals}. Stateless and
 * thread-safe.
 */
public final class NodeIds {

  /** Role prefix that carries a member's node id in its Pekko roles. */
  public static final String ROLE_PREFIX = "id:";

  /** The natural order of node ids. */
  public static final Comparator<String> NATURAL = NodeIds::compare;

  private NodeIds() {}

  /** The Pekko role that carries {@code nodeId}. */
  public static String role(String nodeId) {
    return ROLE_PREFIX + nodeId;
  }

  /** The node id a member carries in its roles, empty for a member that is not a Wolf node. */
  public static Optional<String> of(Member member) {
    for (String role : member.getRoles()) {
      if (role.startsWith(ROLE_PREFIX)) {
        return Optional.of(role.substring(ROLE_PREFIX.length()));
      }
    }
    return Optional.empty();
  }

  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int iEnd = runEnd(a, i);
      int jEnd = runEnd(b, j);
      String ra = a.substring(i, iEnd);
      String rb = b.substring(j, jEnd);
      int c =
          isDigit(a.charAt(i)) && isDigit(b.charAt(j))
              ? new BigInteger(ra).compareTo(new BigInteger(rb))
              : ra.compareTo(rb);
      if (c != 0) {
        return c;
      }
      i = iEnd;
      j = jEnd;
    }
    if (i < a.length() || j < b.length()) {
      return i < a.length() ? 1 : -1;
    }
    return a.compareTo(b);
  }

  private static int runEnd(String s, int start) {
    boolean digits = isDigit(s.charAt(start));
    int end = start + 1;
    while (end < s.length() && isDigit(s.charAt(end)) == digits) {
      end++;
    }
    return end;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
