package wolf.config.net;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import wolf.config.HostPort;
import wolf.config.TomlReader;
import wolf.config.ValueType;
import wolf.config.ValueTypes;

/**
 * Reads one peer table ({@code [[mesh.peers]]} or an inline table in {@code peers = [...]});
 * problems name the element and field, {@code mesh.peers[1].allowed_ips[0]}. Stateless.
 */
final class PeerEntryType implements ValueType<PeerEntry> {
  static final Set<String> FIELDS =
      Set.of("name", "public_key", "endpoint", "allowed_ips", "gateway", "token");

  @Override
  public PeerEntry read(JsonNode node, String key, TomlReader in) {
    if (!node.isObject()) {
      in.problem(key, "expected a table with public_key and allowed_ips");
      return null;
    }
    int before = in.problems().size();
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                in.problem(
                    key + "." + f, "unknown peer field; fields: " + String.join(", ", FIELDS));
              }
            });
    String publicKey = text(node, "public_key", key, in, true);
    if (publicKey != null) {
      try {
        NetValues.key(publicKey);
      } catch (IllegalArgumentException e) {
        in.problem(key + ".public_key", e.getMessage());
      }
    }
    Optional<HostPort> endpoint = Optional.empty();
    String ep = text(node, "endpoint", key, in, false);
    if (ep != null) {
      try {
        endpoint = Optional.of(HostPort.parse(ep));
      } catch (IllegalArgumentException e) {
        in.problem(key + ".endpoint", "invalid address \"" + ep + "\": " + e.getMessage());
      }
    }
    List<String> allowed = new ArrayList<>();
    JsonNode ips = node.get("allowed_ips");
    if (ips == null || !ips.isArray() || ips.isEmpty()) {
      in.problem(key + ".allowed_ips", "required: a non-empty array such as [\"10.0.10.2/32\"]");
    } else {
      for (int i = 0; i < ips.size(); i++) {
        String k = key + ".allowed_ips[" + i + "]";
        try {
          NetValues.prefix(ips.get(i).asText(), true);
          allowed.add(ips.get(i).asText());
        } catch (IllegalArgumentException e) {
          in.problem(k, e.getMessage());
        }
      }
    }
    JsonNode gw = node.get("gateway");
    if (gw != null && !gw.isBoolean()) {
      in.problem(key + ".gateway", "expected true or false");
    }
    String token = text(node, "token", key, in, false);
    String name = text(node, "name", key, in, false);
    if (in.problems().size() != before) {
      return null;
    }
    return new PeerEntry(
        name != null ? name : allowed.get(0).replaceAll("/\\d+$", ""),
        publicKey,
        endpoint,
        allowed,
        gw != null && gw.booleanValue(),
        Optional.ofNullable(token).filter(t -> !t.isEmpty()));
  }

  private static String text(JsonNode node, String field, String key, TomlReader in, boolean must) {
    JsonNode v = node.get(field);
    if (v == null) {
      if (must) {
        in.problem(key + "." + field, "required peer field is missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      in.problem(key + "." + field, "expected a string");
      return null;
    }
    return v.textValue();
  }

  @Override
  public String describe() {
    return "table {public_key, allowed_ips, endpoint?, gateway?, name?, token?}";
  }

  @Override
  public String toToml(PeerEntry p) {
    StringBuilder b = new StringBuilder("{ ");
    b.append("name = ").append(ValueTypes.quote(p.name()));
    b.append(", public_key = ").append(ValueTypes.quote(p.publicKey()));
    p.endpoint().ifPresent(e -> b.append(", endpoint = ").append(ValueTypes.quote(e.toString())));
    b.append(", allowed_ips = ")
        .append(
            p.allowedIps().stream()
                .map(ValueTypes::quote)
                .collect(Collectors.joining(", ", "[", "]")));
    if (p.gateway()) {
      b.append(", gateway = true");
    }
    p.token().ifPresent(t -> b.append(", token = ").append(ValueTypes.quote(t)));
    return b.append(" }").toString();
  }
}
