package wolf.scale.write;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import java.util.Optional;
import wolf.actors.CborSerializable;

/**
 * One write a client asks for, as the HTTP write API (and forwarding between nodes) carries it.
 * Identifiers are validated and quoted, values bound as parameters when the write is executed:
 * nothing here is pasted into SQL text except {@link Ddl#ddl} and {@link Sql#sql}, which are SQL by
 * definition. Values are JSON scalars: {@code String}, {@code Long}/{@code Integer}, {@code
 * Double}/{@code BigDecimal}, {@code Boolean} or {@code null}.
 *
 * <p>{@code database} empty means the node's {@code [database] database}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = WriteRequest.Insert.class, name = "insert"),
  @JsonSubTypes.Type(value = WriteRequest.Update.class, name = "update"),
  @JsonSubTypes.Type(value = WriteRequest.Delete.class, name = "delete"),
  @JsonSubTypes.Type(value = WriteRequest.Upsert.class, name = "upsert"),
  @JsonSubTypes.Type(value = WriteRequest.Ddl.class, name = "ddl"),
  @JsonSubTypes.Type(value = WriteRequest.Sql.class, name = "sql")
})
public sealed interface WriteRequest extends CborSerializable {

  Optional<String> database();

  /** {@code INSERT INTO table (columns) VALUES (?, ...)}. */
  record Insert(Optional<String> database, String table, Map<String, Object> values)
      implements WriteRequest {}

  /**
   * {@code UPDATE table SET c = ?, ... WHERE k = ? AND ...}; {@code whereKey} must not be empty.
   */
  record Update(
      Optional<String> database,
      String table,
      Map<String, Object> set,
      Map<String, Object> whereKey)
      implements WriteRequest {}

  /** {@code DELETE FROM table WHERE k = ? AND ...}; {@code whereKey} must not be empty. */
  record Delete(Optional<String> database, String table, Map<String, Object> whereKey)
      implements WriteRequest {}

  /** {@code INSERT ... ON DUPLICATE KEY UPDATE} every given column. */
  record Upsert(Optional<String> database, String table, Map<String, Object> values)
      implements WriteRequest {}

  /** One DDL statement (CREATE/ALTER/DROP/RENAME/TRUNCATE ...). */
  record Ddl(Optional<String> database, String ddl) implements WriteRequest {}

  /** One SQL write statement, checked for determinism before it runs. */
  record Sql(Optional<String> database, String sql) implements WriteRequest {}
}
