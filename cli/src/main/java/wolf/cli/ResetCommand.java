package wolf.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import wolf.config.WolfScaleConfig;

/**
 * {@code wolfctl reset --force}: deletes this node's WAL (the node must be stopped). On its next
 * start the node fetches the log again from the leader — or a snapshot, if the leader no longer
 * holds it all — and applies from its database's applied LSN on. Its MariaDB and its promise file
 * are kept.
 */
@Command(
    name = "reset",
    mixinStandardHelpOptions = true,
    description =
        "Delete this node's WAL so it refetches the log from the leader on its next start. The"
            + " node must be stopped. Its MariaDB is left as it is. Needs --force.")
final class ResetCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(names = "--force", description = "Really delete the WAL.")
  boolean force;

  /** The lock, or null when another process (or this one) holds it. */
  private static FileLock tryLock(FileChannel ch) throws IOException {
    try {
      return ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return null;
    }
  }

  @Override
  public Integer call() throws IOException {
    WolfScaleConfig c = config.load();
    Path wal = c.node().dataDir().resolve("wal");
    if (!force) {
      throw new Cli.UserError(
          "refusing to delete "
              + wal
              + " without --force. The node then refetches its log from the leader; run it on"
              + " one stopped node at a time (in quorum mode the others hold every committed"
              + " record).");
    }
    if (!Files.isDirectory(wal)) {
      spec.commandLine().getOut().println(wal + ": no WAL here; nothing to reset");
      return 0;
    }
    try (FileChannel ch =
            FileChannel.open(
                wal.resolve("wal.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(ch)) {
      if (lock == null) {
        throw new Cli.UserError(
            wal + " is in use: stop node " + c.node().id() + " first (wolfscale runs it)");
      }
    }
    long files;
    try (Stream<Path> all = Files.walk(wal)) {
      files = all.count() - 1;
    }
    try (Stream<Path> all = Files.walk(wal)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    spec.commandLine()
        .getOut()
        .printf(
            "deleted %s (%d file(s)); node %s refetches its log from the leader when it starts%n",
            wal, files, c.node().id());
    return 0;
  }
}
