package wolf.http.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import wolf.scale.write.WriteRequest;

/**
 * Turns the JSON bodies of {@code POST /write/*} into {@link WriteRequest}s, strictly: unknown
 * fields, missing fields and wrong types are refused with a {@link BadRequest} naming the field.
 * Values are JSON scalars only (string, number, true/false, null); integers become {@code Long}
 * (beyond 64 bits: {@code BigDecimal}), other numbers {@code BigDecimal}, so nothing is rounded.
 * Stateless and thread-safe.
 */
final class WriteJson {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** A body the API refuses; the message is the problem's detail. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  private WriteJson() {}

  static WriteRequest parse(String kind, String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequest(
          "The body is not valid JSON: "
              + e.getOriginalMessage()
              + " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ").");
    }
    if (root == null || !root.isObject()) {
      throw new BadRequest("The body must be a JSON object.");
    }
    ObjectNode o = (ObjectNode) root;
    return switch (kind) {
      case "insert" -> {
        only(o, "database", "table", "values");
        yield new WriteRequest.Insert(db(o), text(o, "table"), values(o, "values"));
      }
      case "upsert" -> {
        only(o, "database", "table", "values");
        yield new WriteRequest.Upsert(db(o), text(o, "table"), values(o, "values"));
      }
      case "update" -> {
        only(o, "database", "table", "set", "where_key");
        yield new WriteRequest.Update(
            db(o), text(o, "table"), values(o, "set"), values(o, "where_key"));
      }
      case "delete" -> {
        only(o, "database", "table", "where_key");
        yield new WriteRequest.Delete(db(o), text(o, "table"), values(o, "where_key"));
      }
      case "ddl" -> {
        only(o, "database", "ddl");
        yield new WriteRequest.Ddl(db(o), text(o, "ddl"));
      }
      case "sql" -> {
        only(o, "database", "sql");
        yield new WriteRequest.Sql(db(o), text(o, "sql"));
      }
      default -> throw new BadRequest("Unknown write kind '" + kind + "'.");
    };
  }

  private static void only(ObjectNode o, String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!ok.contains(f)) {
        throw new BadRequest(
            "Unknown field '" + f + "'; this write takes " + String.join(", ", allowed) + ".");
      }
    }
  }

  private static Optional<String> db(ObjectNode o) {
    JsonNode n = o.get("database");
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw new BadRequest("Field 'database' must be a string.");
    }
    return Optional.of(n.asText());
  }

  private static String text(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new BadRequest("Field '" + field + "' is required.");
    }
    if (!n.isTextual()) {
      throw new BadRequest("Field '" + field + "' must be a string.");
    }
    return n.asText();
  }

  private static Map<String, Object> values(ObjectNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      throw new BadRequest("Field '" + field + "' is required.");
    }
    if (!n.isObject()) {
      throw new BadRequest("Field '" + field + "' must be an object of column names to values.");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), scalar(field + "." + e.getKey(), e.getValue()));
    }
    return out;
  }

  private static Object scalar(String where, JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToLong() ? (Object) v.asLong() : new BigDecimal(v.bigIntegerValue());
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    throw new BadRequest(
        "Field '"
            + where
            + "' must be a string, number, true, false or null, not "
            + v.getNodeType().name().toLowerCase()
            + ".");
  }
}
