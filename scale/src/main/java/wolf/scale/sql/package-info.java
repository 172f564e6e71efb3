/**
 * SQL as WolfScale understands it, without a database: {@link wolf.scale.sql.SqlLexer} tokenizes
 * MariaDB text the way the server does, {@link wolf.scale.sql.SqlClassifier} tells what each
 * statement does, {@link wolf.scale.sql.Determinism} rewrites or refuses what would not replay
 * identically, and {@link wolf.scale.sql.WritePlanner} turns a client write into the one statement
 * the leader runs and logs (checked identifiers, bound values). Rules: {@code
 * docs/WOLFSCALE-REPLICATION.md}.
 */
package wolf.scale.sql;
