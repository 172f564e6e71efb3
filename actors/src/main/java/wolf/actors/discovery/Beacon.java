package wolf.actors.discovery;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One discovery datagram: who sends it and how far it has got with joining. Wire format: UTF-8
 * text, first line {@value #MAGIC}, then {@code key=value} lines {@code cluster}, {@code node},
 * {@code address} (the sender's cluster address {@code host:port}) and {@code state}; at most
 * {@value #MAX_BYTES} bytes. Unknown keys are ignored so later versions can add some.
 *
 * @param state {@code UP} only when the sender is an Up member of its cluster
 */
public record Beacon(String clusterName, String nodeId, String address, State state) {

  static final String MAGIC = "wolf-beacon/1";
  static final int MAX_BYTES = 1024;

  /** How far the sender has got. */
  public enum State {
    /** Listening, no join started. */
    SEARCHING,
    /** Joined itself to form a new cluster; Up shortly. Others may use it as a seed. */
    FORMING,
    /** Joining another node. */
    JOINING,
    /** An Up member. */
    UP
  }

  byte[] encode() {
    String text =
        MAGIC
            + "\ncluster="
            + clusterName
            + "\nnode="
            + nodeId
            + "\naddress="
            + address
            + "\nstate="
            + state
            + "\n";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("beacon too large: " + bytes.length + " bytes");
    }
    return bytes;
  }

  /**
   * @throws IllegalArgumentException when the datagram is not a well-formed beacon
   */
  static Beacon decode(byte[] datagram) {
    if (datagram.length > MAX_BYTES) {
      throw new IllegalArgumentException("datagram too large: " + datagram.length + " bytes");
    }
    String[] lines = new String(datagram, StandardCharsets.UTF_8).split("\n");
    if (lines.length == 0 || !lines[0].equals(MAGIC)) {
      throw new IllegalArgumentException("not a " + MAGIC + " datagram");
    }
    Map<String, String> fields = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int eq = lines[i].indexOf('=');
      if (eq > 0) {
        fields.put(lines[i].substring(0, eq), lines[i].substring(eq + 1));
      }
    }
    return new Beacon(
        required(fields, "cluster"),
        required(fields, "node"),
        required(fields, "address"),
        State.valueOf(required(fields, "state")));
  }

  private static String required(Map<String, String> fields, String key) {
    String value = fields.get(key);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("beacon without " + key);
    }
    return value;
  }
}
