package wolf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import wolf.config.ConfigException;
import wolf.config.ConfigProblem;
import wolf.config.WolfScaleConfig;

/** {@code wolfscale validate}: every problem of a configuration file, at once. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check a configuration file; print every problem with its key. Exit 1 if any.")
final class ValidateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Path p = config.path();
    List<ConfigProblem> problems;
    if (!Files.exists(p)) {
      problems = List.of(new ConfigProblem(p.toString(), "(file)", "no such file"));
    } else {
      try {
        WolfScaleConfig.load(p);
        problems = List.of();
      } catch (ConfigException e) {
        problems = e.problems();
      }
    }
    var out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper m = new ObjectMapper();
      ObjectNode n = m.createObjectNode();
      n.put("file", p.toString());
      n.put("valid", problems.isEmpty());
      var arr = n.putArray("problems");
      for (ConfigProblem cp : problems) {
        arr.addObject().put("key", cp.key()).put("reason", cp.reason());
      }
      out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(n));
    } else if (problems.isEmpty()) {
      out.println(p + ": OK");
    } else {
      problems.forEach(out::println);
      out.println(problems.size() + " problem(s) in " + p);
    }
    out.flush();
    return problems.isEmpty() ? 0 : Cli.BAD_INPUT;
  }
}
