package io.logdx.benchmarks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ExecutionException;

/**
 * Real throwables of the two sizes the benchmarks use: short (1 cause, about 20 frames) and long (4 causes,
 * about 200 frames each), thrown by real recursion so that their frames are real frames.
 */
public final class Traces {
  private Traces() {}

  /** One exception, about 20 frames deep. */
  public static Throwable shortTrace(int id) {
    return descend(
        20 - baseDepth(),
        () -> {
          throw new IllegalStateException("Order " + id + " is not open");
        });
  }

  /** Four exceptions (a wrapper chain), about 200 frames each. */
  public static Throwable longTrace(int id) {
    Throwable root =
        descend(
            200 - baseDepth(),
            () -> {
              throw new SQLTransientConnectionException(
                  "HikariPool-1 - Connection is not available, request timed out after 30000ms (order "
                      + id
                      + ")");
            });
    Throwable repo =
        wrap(root, 200, c -> new IllegalStateException("could not load account " + id, c));
    Throwable service = wrap(repo, 200, c -> new RuntimeException("transfer " + id + " failed", c));
    return wrap(service, 200, c -> new ExecutionException(c));
  }

  /** A throwable as {@code printStackTrace} prints it. */
  public static String print(Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    return sw.toString();
  }

  interface Thrower {
    void run() throws Exception;
  }

  interface Wrapper {
    Throwable wrap(Throwable cause);
  }

  private static Throwable wrap(Throwable cause, int depth, Wrapper w) {
    return descend(
        depth - baseDepth(),
        () -> {
          Throwable t = w.wrap(cause);
          if (t instanceof Exception) throw (Exception) t;
          throw new IllegalStateException(t);
        });
  }

  private static int baseDepth() {
    return new Throwable().getStackTrace().length;
  }

  private static Throwable descend(int depth, Thrower thrower) {
    try {
      recurse(Math.max(0, depth), thrower);
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("the thrower did not throw");
  }

  private static void recurse(int depth, Thrower thrower) throws Exception {
    if (depth <= 0) {
      thrower.run();
      return;
    }
    recurse(depth - 1, thrower);
  }
}
