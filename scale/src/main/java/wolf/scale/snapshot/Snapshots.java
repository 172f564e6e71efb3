package wolf.scale.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.StreamConverters;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wolf.config.DatabaseSettings;
import wolf.scale.apply.LocalDatabase;
import wolf.scale.mariadb.Binaries;

/**
 * Consistent snapshots of a node's MariaDB as byte streams, and their restore.
 *
 * <p><b>Dump</b>: {@code mariadb-dump --single-transaction} of every user database <em>and</em> the
 * {@code wolfscale} schema, so the applied LSN and term inside the dump are exactly those of the
 * data in it (each apply transaction moves them together; the dump reads one consistent InnoDB
 * snapshot). Routines, triggers and events included; binary columns as hex. The system schemas
 * ({@code mysql}, {@code information_schema}, {@code performance_schema}, {@code sys}) are not:
 * users and grants stay each node's own. A DDL statement running on the source during the dump
 * makes it fail ("table definition has changed"): dump again.
 *
 * <p><b>Restore</b>: drops every user database of this node, pipes the dump into the {@code
 * mariadb} client, reports progress in bytes, then reads the applied LSN and term from the restored
 * {@code wolfscale.applied}. A leader DDL marker in the dump becomes a follower marker: the
 * snapshot's node may not yet have run that DDL, so it is re-executed (tolerating "already done"
 * errors) when its record is applied. Run it only while nothing else uses the database (the node's
 * applier stopped): {@code WolfScale.installSnapshot} does that.
 *
 * <p>Processes run with their stdout/stdin streamed (Pekko {@code StreamConverters}, on the
 * blocking dispatcher); credentials go in a 0600 option file. Thread-safe.
 */
public final class Snapshots {
  private static final Logger log = LoggerFactory.getLogger(Snapshots.class);
  private static final Set<String> SYSTEM_SCHEMAS =
      Set.of("information_schema", "mysql", "performance_schema", "sys");
  private static final long PROGRESS_EVERY = 1 << 20;

  private final DatabaseSettings settings;
  private final LocalDatabase db;
  private final Executor blocking;

  /**
   * @param blocking where process start-up, waits and JDBC calls run (a blocking dispatcher)
   */
  public Snapshots(DatabaseSettings settings, Executor blocking) {
    this.settings = settings;
    this.db = new LocalDatabase(settings);
    this.blocking = blocking;
  }

  /**
   * A consistent dump of this node's databases. Nothing runs until the source is materialized;
   * cancelling it kills {@code mariadb-dump}. Fails with {@link SnapshotException} (exit code and
   * stderr) if the dump fails.
   */
  public Source<ByteString, NotUsed> dump() {
    return Source.lazyCompletionStageSource(
            () -> CompletableFuture.supplyAsync(this::startDump, blocking))
        .mapMaterializedValue(m -> NotUsed.getInstance());
  }

  private Source<ByteString, NotUsed> startDump() {
    try {
      List<String> dbs = userDatabases();
      ClientOptions opts = new ClientOptions(settings);
      Path err = Files.createTempFile("wolfscale-dump-", ".err");
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Binaries.resolve("mariadb-dump"),
                  opts.argument(),
                  "--single-transaction",
                  "--routines",
                  "--triggers",
                  "--events",
                  "--hex-blob",
                  "--add-drop-database",
                  "--databases"));
      cmd.addAll(dbs);
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
      log.info("dumping {} from {}:{}", dbs, settings.host(), settings.port());
      Source<ByteString, NotUsed> exit =
          Source.lazyCompletionStageSource(
                  () ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            SnapshotException f = exitFailure(p, "mariadb-dump", err, opts);
                            return f == null
                                ? Source.<ByteString>empty()
                                : Source.<ByteString>failed(f);
                          },
                          blocking))
              .mapMaterializedValue(m -> NotUsed.getInstance());
      return StreamConverters.fromInputStream(p::getInputStream, 64 * 1024)
          .concat(exit)
          .watchTermination(
              (m, done) -> {
                done.whenComplete(
                    (d, e) -> {
                      if (p.isAlive()) {
                        p.destroyForcibly();
                      }
                      opts.close();
                    });
                return NotUsed.getInstance();
              });
    } catch (IOException | SQLException e) {
      throw new SnapshotException("cannot start the dump: " + e.getMessage(), e);
    }
  }

  /** Waits for the tool to exit; the failure to report, or null when it succeeded. */
  private static SnapshotException exitFailure(
      Process p, String tool, Path err, ClientOptions opts) {
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new SnapshotException(tool + " did not exit after its stream ended");
      }
      String stderr = Files.readString(err, StandardCharsets.UTF_8).strip();
      Files.deleteIfExists(err);
      return p.exitValue() == 0
          ? null
          : new SnapshotException(tool + " failed (exit " + p.exitValue() + "): " + stderr);
    } catch (IOException e) {
      return new SnapshotException(tool + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new SnapshotException(tool + " interrupted", e);
    } finally {
      opts.close();
    }
  }

  /**
   * Replaces this node's databases with {@code dump}.
   *
   * @param progress called with the bytes read so far, about every MiB and at the end
   * @return the applied LSN and term the restored databases hold
   */
  public CompletionStage<SnapshotInstalled> restore(
      Source<ByteString, ?> dump, LongConsumer progress, Materializer materializer) {
    AtomicLong bytes = new AtomicLong();
    AtomicLong reported = new AtomicLong();
    return CompletableFuture.supplyAsync(this::startRestore, blocking)
        .thenCompose(
            r ->
                dump.map(
                        b -> {
                          long n = bytes.addAndGet(b.size());
                          if (n - reported.get() >= PROGRESS_EVERY) {
                            reported.set(n);
                            progress.accept(n);
                          }
                          return b;
                        })
                    .runWith(
                        StreamConverters.fromOutputStream(r.process()::getOutputStream),
                        materializer)
                    .handle(
                        (io, e) -> {
                          if (e != null) {
                            r.process().destroyForcibly();
                            r.options().close();
                            throw new SnapshotException(
                                "the snapshot stream failed after "
                                    + bytes.get()
                                    + " bytes; this node needs another snapshot",
                                cause(e));
                          }
                          return r;
                        }))
        .thenApplyAsync(
            r -> {
              SnapshotException f = exitFailure(r.process(), "mariadb", r.stderr(), r.options());
              if (f != null) {
                throw f;
              }
              progress.accept(bytes.get());
              return installed(bytes.get());
            },
            blocking);
  }

  private record Running(Process process, Path stderr, ClientOptions options) {}

  private Running startRestore() {
    try {
      dropUserDatabases();
      ClientOptions opts = new ClientOptions(settings);
      Path err = Files.createTempFile("wolfscale-restore-", ".err");
      Process p =
          new ProcessBuilder(
                  Binaries.resolve("mariadb"), opts.argument(), "--binary-mode", "--batch")
              .redirectError(err.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return new Running(p, err, opts);
    } catch (IOException | SQLException e) {
      throw new SnapshotException("cannot start the restore: " + e.getMessage(), e);
    }
  }

  private SnapshotInstalled installed(long bytes) {
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE wolfscale.ddl_marker SET role = 'follower'");
      long lsn;
      long term;
      try (ResultSet r = s.executeQuery("SELECT lsn, term FROM wolfscale.applied WHERE id = 1")) {
        if (!r.next()) {
          throw new SnapshotException("the snapshot has no wolfscale.applied row");
        }
        lsn = r.getLong(1);
        term = r.getLong(2);
      }
      c.commit();
      log.info("restored a snapshot of {} bytes: applied LSN {} (term {})", bytes, lsn, term);
      return new SnapshotInstalled(lsn, term, bytes);
    } catch (SQLException e) {
      throw new SnapshotException(
          "the restored snapshot has no readable wolfscale.applied: " + e.getMessage(), e);
    }
  }

  List<String> userDatabases() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.open();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW DATABASES")) {
      while (r.next()) {
        if (!SYSTEM_SCHEMAS.contains(r.getString(1).toLowerCase(java.util.Locale.ROOT))) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }

  private void dropUserDatabases() throws SQLException {
    List<String> dbs = userDatabases();
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      for (String d : dbs) {
        s.execute("DROP DATABASE `" + d.replace("`", "``") + "`");
      }
    }
    log.info("dropped {} before restoring a snapshot", dbs);
  }

  private static Throwable cause(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
