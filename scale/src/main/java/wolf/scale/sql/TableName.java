package wolf.scale.sql;

import java.util.Optional;

/**
 * A table as a statement names it: {@code name} or {@code schema.name}, quotes removed.
 *
 * @param schema the schema when qualified
 * @param name the table
 */
public record TableName(Optional<String> schema, String name) {
  @Override
  public String toString() {
    return schema.map(s -> s + "." + name).orElse(name);
  }
}
