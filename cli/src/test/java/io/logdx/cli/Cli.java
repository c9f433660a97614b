package io.logdx.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process, capturing its output, as {@code java -jar logdx.jar ARGS} would run. */
final class Cli {
  record Result(int exitCode, String out, String err) {}

  private Cli() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    int code = LogdxCommand.commandLine(o, e).execute(args);
    o.flush();
    e.flush();
    return new Result(code, out.toString(), err.toString());
  }
}
