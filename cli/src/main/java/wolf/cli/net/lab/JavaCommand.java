package wolf.cli.net.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs a Wolf main class in a new JVM like this one: same JDK, same class
 * path, the flags {@code bin/wolf-java} adds on JDK 24+. Stateless.
 */
public final class JavaCommand {
  private JavaCommand() {}

  public static List<String> of(String mainClass, String... args) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 24) {
      c.add("--sun-misc-unsafe-memory-access=allow");
      c.add("--enable-native-access=ALL-UNNAMED");
    }
    c.add("-Xmx256m");
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add(mainClass);
    c.addAll(List.of(args));
    return c;
  }
}
