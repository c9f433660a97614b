package io.logdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logback, configured from {@code logback-e2e.xml}, writes real failures into three files (full-date pattern
 * with {@code %ex}; time-only pattern with root-cause-first {@code %rEx}; JSON lines from
 * logstash-logback-encoder); {@code logdx diagnose} reads them.
 */
class LogbackEndToEndTest {
  /** The first line of an event in the layouts of {@code logback-e2e.xml}. */
  private static final Predicate<String> DATED =
      Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:").asPredicate();

  private static final Predicate<String> TIME_OF_DAY =
      Pattern.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} ").asPredicate();

  @TempDir static Path dir;
  static FailureScenario scenario = new FailureScenario();

  @BeforeAll
  static void writeLogs() throws Exception {
    LoggerContext ctx = new LoggerContext();
    ctx.setName("logdx-e2e");
    ctx.setMDCAdapter(
        new LogbackMDCAdapter()); // what SLF4J's provider does for the context it creates
    ctx.putProperty("LOG_DIR", dir.toString());
    JoranConfigurator jc = new JoranConfigurator();
    jc.setContext(ctx);
    jc.doConfigure(LogbackEndToEndTest.class.getResource("/logback-e2e.xml"));
    assertThat(new StatusUtil(ctx).getHighestLevel(0))
        .as("logback configuration status")
        .isLessThan(Status.WARN);
    Logger log = ctx.getLogger("com.example.bank.TransferService");
    scenario.run(
        new FailureScenario.Log() {
          @Override
          public void info(String message) {
            log.info(message);
          }

          @Override
          public void error(String message, Throwable t) {
            log.error(message, t);
          }

          @Override
          public void warn(String message, Throwable t) {
            log.warn(message, t);
          }
        },
        dir);
    ctx.stop();
    assertThat(new StatusUtil(ctx).getHighestLevel(0))
        .as("logback status after logging")
        .isLessThan(Status.WARN);
  }

  @Test
  void groupsTheFailuresOfALogbackFileWithFullDates() throws Exception {
    Path log = dir.resolve("app.log");
    assertThat(Files.readString(log))
        .contains("Caused by: java.net.ConnectException")
        .contains("common frames omitted");
    Cli.Result r =
        Cli.run(
            "diagnose",
            "--format",
            "jsonl",
            "--app-packages",
            "com.example.bank",
            "--locale",
            "en",
            "--model",
            "rules",
            log.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    List<JsonNode> groups = ReportAssertions.assertScenarioReport(r.out(), scenario, true);
    assertThat(groups.get(0).get("files").get(0).asText()).isEqualTo(log.toString());
  }

  @Test
  void readsRootCauseFirstTracesWithTimeOnlyStamps() throws Exception {
    Path log = dir.resolve("root-first.log");
    assertThat(Files.readString(log)).contains("Wrapped by: java.io.UncheckedIOException");
    String report = ReportAssertions.diagnose(log);
    ReportAssertions.assertScenarioReport(report, scenario, false);
  }

  @Test
  void readsTheJsonLinesOfLogstashLogbackEncoder() throws Exception {
    Path log = dir.resolve("app.json");
    assertThat(Files.readString(log)).contains("\"stack_trace\":").contains("\"@timestamp\":");
    String report = ReportAssertions.diagnose(log);
    ReportAssertions.assertScenarioReport(report, scenario, true);
  }

  @Test
  void diagnoseAndBatchFindTheSameFailuresInEveryFile() throws Exception {
    Map<String, Integer> failures = CommandAgreement.assertAgree(dir.resolve("app.log"), DATED);
    assertThat(failures.values())
        .containsExactlyInAnyOrder(
            FailureScenario.BAD_AMOUNTS,
            FailureScenario.LEDGER_DOWN,
            FailureScenario.MISSING_STATEMENTS);
    assertThat(CommandAgreement.assertAgree(dir.resolve("root-first.log"), TIME_OF_DAY))
        .isEqualTo(failures);
    assertThat(CommandAgreement.assertAgree(dir.resolve("app.json"), line -> true))
        .isEqualTo(failures);
    CommandAgreement.assertAgreeGzipped(dir.resolve("app.log"), DATED);
  }

  @Test
  void autoDetectsTheApplicationFrameWithoutPackages() throws Exception {
    Cli.Result r =
        Cli.run(
            "diagnose", "--format", "jsonl", "--model", "rules", dir.resolve("app.log").toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    ReportAssertions.assertScenarioReport(r.out(), scenario, true);
  }

  @Test
  void theSameFailurePrintedTwoWaysSharesOneFingerprint() throws Exception {
    String report =
        ReportAssertions.diagnose(dir.resolve("app.log"), dir.resolve("root-first.log"));
    List<JsonNode> groups = ReportAssertions.lines(report);
    assertThat(groups)
        .extracting(g -> g.get("count").asInt())
        .containsExactly(
            2 * FailureScenario.BAD_AMOUNTS,
            2 * FailureScenario.LEDGER_DOWN,
            2 * FailureScenario.MISSING_STATEMENTS);
    assertThat(groups.get(0).get("files")).hasSize(2);
  }

  @Test
  void bothFilesTogetherAddUpAndTheTextReportReadsWell() {
    Cli.Result r =
        Cli.run(
            "diagnose",
            "--app-packages",
            "com.example.bank",
            "--locale",
            "en",
            "--model",
            "rules",
            dir.resolve("app.log").toString(),
            dir.resolve("root-first.log").toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    String out = r.out();
    assertThat(out).startsWith("logdx ").contains("2 files");
    int nfe = out.indexOf("number_format");
    int refused = out.indexOf("connection_refused");
    int missing = out.indexOf("file_not_found");
    assertThat(nfe).isPositive().isLessThan(refused);
    assertThat(refused).isLessThan(missing);
    assertThat(out).contains("root cause  java.lang.NumberFormatException: For input string: ");
    assertThat(out)
        .contains(
            "location    "
                + scenario.badAmountFrame.getClassName()
                + "."
                + scenario.badAmountFrame.getMethodName()
                + "(TransferService.java:"
                + scenario.badAmountFrame.getLineNumber()
                + ")");
  }
}
