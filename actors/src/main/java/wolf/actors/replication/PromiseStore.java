package wolf.actors.replication;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one promise this node must remember across restarts: the highest term it has promised, and to
 * whom. A node promises a term to one leader only, so at most one leader per term can gather a
 * majority (the role a vote plays in Raft).
 *
 * <p>File {@code promise} in the given directory, one line {@code term leaderId}, replaced
 * atomically (temp file, fsync, rename, directory fsync). Blocking; not thread-safe: the replicator
 * calls it from one blocking task at a time.
 */
final class PromiseStore {

  /** A promise of {@code term} to {@code leader}. */
  record Promise(long term, String leader) {
    static final Promise NONE = new Promise(0, "");
  }

  private final Path file;

  PromiseStore(Path dir) {
    this.file = dir.resolve("promise");
  }

  Promise load() throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      return Promise.NONE;
    }
    String[] parts = text.split(" ", 2);
    try {
      return new Promise(Long.parseLong(parts[0]), parts.length > 1 ? parts[1] : "");
    } catch (NumberFormatException e) {
      throw new IOException(file + ": not a promise: '" + text + "'", e);
    }
  }

  void save(Promise p) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("promise.tmp");
    Files.writeString(tmp, p.term() + " " + p.leader() + "\n", StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
