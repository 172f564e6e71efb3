package wolf.cli;

import java.util.List;
import wolf.config.HostPort;

/** Runs a node in the foreground until it is signalled; shared by start and join. */
final class NodeOptions {
  private NodeOptions() {}

  static int run(ConfigOption config, List<HostPort> seeds, boolean bootstrap) throws Exception {
    var cfg = config.load();
    WolfScaleDaemon daemon = WolfScaleDaemon.start(cfg, seeds, bootstrap);
    try {
      return daemon.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
