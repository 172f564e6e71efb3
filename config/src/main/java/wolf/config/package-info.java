/**
 * TOML configuration files into immutable, validated settings records.
 *
 * <p>Two layers. The reusable one describes a file and reads it: {@link wolf.config.Key} (one
 * documented key), {@link wolf.config.ValueType} and {@link wolf.config.ValueTypes} (how values
 * convert), {@link wolf.config.Schema} (the allowed sections and keys), {@link
 * wolf.config.TomlReader} (one load, collecting every {@link wolf.config.ConfigProblem}), and
 * {@link wolf.config.TomlTemplate} / {@link wolf.config.SchemaDocs} (commented files and reference
 * tables rendered from a schema). Each tool adds a schema class, a checks class for rules across
 * keys, and its records: for WolfScale, {@link wolf.config.WolfScaleSchema}, {@code
 * WolfScaleChecks} and {@link wolf.config.WolfScaleConfig}.
 */
package wolf.config;
