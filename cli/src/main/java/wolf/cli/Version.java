package wolf.cli;

import picocli.CommandLine;

/** Version string from the jar manifest, or "development" when run from classes. */
public final class Version implements CommandLine.IVersionProvider {
  public static String get() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "wolf " + get(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
