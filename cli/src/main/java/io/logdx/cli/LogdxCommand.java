package io.logdx.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code logdx diagnose ...} and {@code logdx batch ...}. */
@Command(
    name = "logdx",
    mixinStandardHelpOptions = true,
    versionProvider = LogdxCommand.Version.class,
    description =
        "Diagnoses the Java exceptions in log files: category, root cause, code location, cause and fix.",
    subcommands = {DiagnoseCommand.class, BatchCommand.class, CommandLine.HelpCommand.class},
    synopsisSubcommandLabel = "COMMAND",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ran to the end (failures found in the logs do not change it)",
      "1:internal error (a bug in logdx)",
      "2:usage error: unknown option, bad option value, missing argument",
      "3:input or output error: missing or unreadable file, output not writable, bad batch record"
    })
public final class LogdxCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: diagnose or batch");
  }

  /** A command line set up with logdx's exit codes and error handling, writing to the given streams. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new LogdxCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // A usage error gets its message and a pointer to --help, not the whole help text.
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          PrintWriter e = c.getErr();
          e.println("logdx: " + ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
          e.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
          e.flush();
          return ExitCodes.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof InputException) {
            commandLine.getErr().println("logdx: " + ex.getMessage());
            commandLine.getErr().flush();
            return ExitCodes.INPUT_ERROR;
          }
          commandLine.getErr().println("logdx: internal error: " + ex);
          ex.printStackTrace(commandLine.getErr());
          commandLine.getErr().flush();
          return ExitCodes.INTERNAL_ERROR;
        });
    return cl;
  }

  /** Runs the command line on the process's streams and returns the exit code. */
  public static int run(String... args) {
    // Main sets this before any engine class loads; repeated here for callers that start from this
    // class.
    if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    PrintWriter out =
        new PrintWriter(
            new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8),
            true);
    PrintWriter err =
        new PrintWriter(
            new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8),
            true);
    try {
      return commandLine(out, err).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The version from the jar (filtered from the POM at build time). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"logdx " + version(), "Java " + System.getProperty("java.version")};
    }
  }

  static String version() {
    Properties p = new Properties();
    try (InputStream in = LogdxCommand.class.getResourceAsStream("version.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      // fall through to "unknown": a version string is not worth failing for
    }
    return p.getProperty("version", "unknown");
  }
}
