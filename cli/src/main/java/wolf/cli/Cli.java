package wolf.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Shared picocli set-up: exit codes, error printing. */
public final class Cli {
  /** Exit code for a usage or configuration error. */
  public static final int BAD_INPUT = 1;

  /** Exit code when a node cannot be reached. */
  public static final int UNREACHABLE = 2;

  private Cli() {}

  public static CommandLine commandLine(Object command) {
    CommandLine cl = new CommandLine(command);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          PrintWriter err = cmd.getErr();
          if (ex instanceof UserError u) {
            err.println(cmd.getCommandName() + ": " + u.getMessage());
            return u.exitCode();
          }
          err.println(cmd.getCommandName() + ": " + ex);
          ex.printStackTrace(err);
          return CommandLine.ExitCode.SOFTWARE;
        });
    return cl;
  }

  /** An error the user can fix; printed as one line without a stack trace. */
  public static final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    public UserError(String message) {
      this(message, BAD_INPUT);
    }

    public int exitCode() {
      return exitCode;
    }
  }
}
