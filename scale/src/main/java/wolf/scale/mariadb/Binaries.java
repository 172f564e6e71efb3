package wolf.scale.mariadb;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the MariaDB programs: the Debian location first, then {@code $PATH}. Stateless. */
public final class Binaries {
  private Binaries() {}

  /**
   * The path of {@code name} ({@code mariadbd}, {@code mariadb}, {@code mariadb-dump} …).
   *
   * @throws MariaDbException saying which package to install when it is missing
   */
  public static String resolve(String name) {
    for (String dir : new String[] {"/usr/bin", "/usr/sbin"}) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name).toString();
      }
    }
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
        return Path.of(d, name).toString();
      }
    }
    throw new MariaDbException(
        name + " not found; install it with: apt-get install -y mariadb-server mariadb-client", "");
  }
}
