package wolf.cli;

import java.time.Duration;
import picocli.CommandLine.Option;
import wolf.config.HostPort;
import wolf.config.WolfScaleConfig;

/** Where a client command finds a node: {@code --api URL}, else the config's [api] address. */
final class ApiOptions {
  @Option(
      names = "--api",
      paramLabel = "URL",
      description =
          "A node's HTTP API, e.g. http://127.0.0.1:8080 (default: from the config file"
              + " or WOLF_API, else http://127.0.0.1:8080).")
  String api;

  @Option(names = "--timeout-ms", defaultValue = "3000", description = "Request timeout.")
  long timeoutMs;

  ApiClient client(ConfigOption config) {
    String url = api;
    if (url == null
        && config != null
        && (config.file != null || java.nio.file.Files.exists(config.path()))) {
      WolfScaleConfig c = config.load();
      HostPort b = c.api().bindAddress();
      String host = b.isWildcard() ? "127.0.0.1" : b.host();
      url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + b.port();
    }
    if (url == null) {
      url = System.getenv().getOrDefault("WOLF_API", "http://127.0.0.1:8080");
    }
    return new ApiClient(url, Duration.ofMillis(timeoutMs));
  }
}
