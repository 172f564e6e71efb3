package wolf.scale.mariadb;

/** A local MariaDB server could not be set up or driven; carries the tool's or server's output. */
public final class MariaDbException extends RuntimeException {
  private final String output;

  public MariaDbException(String message, String output) {
    super(output == null || output.isBlank() ? message : message + ":\n" + output.strip());
    this.output = output;
  }

  /** What the tool or server printed (the tail of {@code err.log} for start-up failures). */
  public String output() {
    return output;
  }
}
