package io.logdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diagnose} and {@code batch} on traces printed without a logging framework: {@code printStackTrace}
 * output between plain lines, and the forms that print the root cause after a keyword: Elasticsearch's "Likely
 * root cause:" after the exception's line, "Root cause:" after the exception's frames (which {@code diagnose}
 * once cut in two, reporting the outer half as a failure of its own).
 */
class BareTraceAgreementTest {
  @TempDir Path dir;

  /** Runs the scenario, printing each failure with {@code print}; returns the events as written, in order. */
  private List<String> write(Path log, Function<Throwable, String> print) throws Exception {
    List<String> events = new ArrayList<>();
    new FailureScenario()
        .run(
            new FailureScenario.Log() {
              @Override
              public void info(String message) {
                events.add(
                    message
                        + "\n"); // what a program prints on standard output between its failures
              }

              @Override
              public void error(String message, Throwable t) {
                events.add(print.apply(t));
              }

              @Override
              public void warn(String message, Throwable t) {
                events.add(print.apply(t));
              }
            },
            dir);
    Files.writeString(log, String.join("", events), StandardCharsets.UTF_8);
    return events;
  }

  private static String printed(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  private static Throwable root(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null) r = r.getCause();
    return r;
  }

  /** Elasticsearch's bootstrap: the exception's line, then the root cause's whole trace after "Likely root cause:". */
  private static String likelyRootCause(Throwable t) {
    return "Exception in thread \"main\" " + t + "\nLikely root cause: " + printed(root(t));
  }

  /** A servlet container's error report: the exception with its own frames, then "Root cause:" and its trace. */
  private static String rootCauseAfterFrames(Throwable t) {
    StringBuilder sb = new StringBuilder(t.toString()).append('\n');
    for (StackTraceElement e : t.getStackTrace()) sb.append("\tat ").append(e).append('\n');
    return sb.append("Root cause: ").append(printed(root(t))).toString();
  }

  @Test
  void agreeOnPrintStackTraceOutput() throws Exception {
    Path log = dir.resolve("stdout.log");
    Map<String, Integer> failures =
        CommandAgreement.assertAgree(log, write(log, BareTraceAgreementTest::printed));
    assertThat(failures.values())
        .containsExactlyInAnyOrder(
            FailureScenario.BAD_AMOUNTS,
            FailureScenario.LEDGER_DOWN,
            FailureScenario.MISSING_STATEMENTS);
  }

  @Test
  void agreeOnTracesThatNameTheRootCauseAfterAKeyword() throws Exception {
    Path plain = dir.resolve("plain.log");
    Map<String, Integer> failures =
        CommandAgreement.assertAgree(plain, write(plain, BareTraceAgreementTest::printed));
    Path likely = dir.resolve("likely-root-cause.log");
    List<String> events = write(likely, BareTraceAgreementTest::likelyRootCause);
    assertThat(Files.readString(likely)).contains("Likely root cause: java.net.ConnectException");
    assertThat(CommandAgreement.assertAgree(likely, events)).isEqualTo(failures);
    Path after = dir.resolve("root-cause.log");
    events = write(after, BareTraceAgreementTest::rootCauseAfterFrames);
    assertThat(Files.readString(after))
        .containsPattern("\tat [^\n]+\nRoot cause: java.net.ConnectException");
    // one failure per trace, read down to its root cause: not the outer trace and the root cause
    // apart
    assertThat(CommandAgreement.assertAgree(after, events)).isEqualTo(failures);
  }
}
