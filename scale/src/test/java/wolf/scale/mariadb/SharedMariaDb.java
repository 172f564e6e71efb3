package wolf.scale.mariadb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension like {@link MariaDbFixture}, but the servers are started once per test run and
 * shared by every class that registers it with the same count (JUnit's root store closes them, and
 * deletes their directories, when the whole run ends — also when tests fail). Classes using it must
 * not assume empty servers: reset what they use.
 */
public final class SharedMariaDb implements BeforeAllCallback {
  private final int count;
  private Servers servers;

  public SharedMariaDb(int count) {
    this.count = count;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    servers =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(
                "wolf-shared-mariadb-" + count, k -> Servers.start(count), Servers.class);
  }

  public MariaDbServer server(int i) {
    return servers.list.get(i);
  }

  public List<MariaDbServer> servers() {
    return servers.list;
  }

  /** The started servers; closed by JUnit at the end of the run. */
  static final class Servers implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final List<MariaDbServer> list = new ArrayList<>();
    Path base;

    static Servers start(int count) {
      Servers s = new Servers();
      try {
        s.base = Files.createTempDirectory("wolf-mariadb-shared-");
        for (int i = 1; i <= count; i++) {
          s.list.add(MariaDbServer.start(s.base.resolve("db-" + i), MariaDbFixture.freePort(), i));
        }
        return s;
      } catch (IOException | RuntimeException e) {
        s.close();
        throw new IllegalStateException("cannot start shared MariaDB servers", e);
      }
    }

    @Override
    public void close() {
      list.forEach(MariaDbServer::close);
      list.clear();
      if (base != null) {
        try (Stream<Path> walk = Files.walk(base)) {
          walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
          // best effort: the temp directory is left behind
        }
      }
    }
  }
}
