package wolf.scale.mariadb;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: {@code n} real, independent {@code mariadbd} processes for a test class, each
 * with its own temp datadir, socket and free port; all stopped and deleted after the class, also
 * when a test fails. Use with {@code @RegisterExtension static final MariaDbFixture db = new
 * MariaDbFixture(3);}.
 */
public final class MariaDbFixture implements BeforeAllCallback, AfterAllCallback {
  private final int count;
  private final List<MariaDbServer> servers = new ArrayList<>();
  private Path base;

  public MariaDbFixture(int count) {
    this.count = count;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    base = Files.createTempDirectory("wolf-mariadb-");
    try {
      for (int i = 1; i <= count; i++) {
        servers.add(MariaDbServer.start(base.resolve("db-" + i), freePort(), i));
      }
    } catch (RuntimeException | IOException e) {
      afterAll(context);
      throw e;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    servers.forEach(MariaDbServer::close);
    servers.clear();
    if (base != null) {
      try (Stream<Path> walk = Files.walk(base)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  public MariaDbServer server(int i) {
    return servers.get(i);
  }

  public List<MariaDbServer> servers() {
    return servers;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
