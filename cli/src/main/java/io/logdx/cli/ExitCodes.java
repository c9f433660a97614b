package io.logdx.cli;

/** The exit codes of the {@code logdx} command, documented in {@code --help} and in {@code cli/README.md}. */
public final class ExitCodes {
  /** The command ran to the end (whether or not it found failures in the logs). */
  public static final int OK = 0;

  /** An unexpected internal error (a bug in logdx): the message and trace go to stderr. */
  public static final int INTERNAL_ERROR = 1;

  /** The command line was wrong: unknown option, bad option value, missing argument. Nothing was read. */
  public static final int USAGE = 2;

  /**
   * An input or output problem: a missing, unreadable or non-regular file, an output that cannot be written,
   * or (batch) input lines that are not valid records; batch mode still writes one line for each of them.
   */
  public static final int INPUT_ERROR = 3;

  private ExitCodes() {}
}
