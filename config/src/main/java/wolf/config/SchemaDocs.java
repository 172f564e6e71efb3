package wolf.config;

/** Renders a {@link Schema} as Markdown reference tables. Stateless and thread-safe. */
public final class SchemaDocs {
  private SchemaDocs() {}

  /**
   * One table per section with key, type and range, default, agreement and meaning. The output is
   * pasted into {@code docs/CONFIG-*.md}; a test keeps the two equal.
   */
  public static String markdown(Schema schema) {
    StringBuilder out = new StringBuilder();
    for (String section : schema.sections()) {
      out.append("### [").append(section).append("]\n\n");
      out.append("| key | type and range | default | across nodes | meaning |\n");
      out.append("|---|---|---|---|---|\n");
      for (Key<?> key : schema.keys(section)) {
        out.append("| `")
            .append(key.name())
            .append("` | ")
            .append(cell(key.type().describe()))
            .append(" | ")
            .append(
                key.defaultValue().isPresent()
                    ? "`" + cell(key.defaultText()) + "`"
                    : key.defaultText())
            .append(" | ")
            .append(key.agreement().text())
            .append(" | ")
            .append(cell(key.doc()))
            .append(" |\n");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
