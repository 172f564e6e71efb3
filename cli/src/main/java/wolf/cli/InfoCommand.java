package wolf.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import wolf.config.WolfScaleConfig;

/** {@code wolfscale info}: the effective configuration, secrets masked. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description =
        "Show version and the effective configuration (defaults applied, secrets masked).")
final class InfoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Override
  public Integer call() {
    WolfScaleConfig c = config.load();
    var out = spec.commandLine().getOut();
    var info = ConfigView.of(c, Version.get());
    out.println(json ? ApiClient.pretty(info) : ConfigView.text(info));
    out.flush();
    return 0;
  }
}
