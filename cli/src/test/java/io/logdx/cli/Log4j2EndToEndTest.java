package io.logdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log4j2, configured from {@code log4j2-e2e.xml} through its own API (no SLF4J binding), writes real failures
 * into three files (Spring Boot's default pattern with {@code %xEx}; Log4j2's default pattern; ECS JSON lines
 * from JsonTemplateLayout); {@code logdx diagnose} reads them.
 */
class Log4j2EndToEndTest {
  private static final String DIR_PROPERTY = "logdx.e2e.log4j2.dir";

  @TempDir static Path dir;
  static FailureScenario scenario = new FailureScenario();

  @BeforeAll
  static void writeLogs() throws Exception {
    System.setProperty(DIR_PROPERTY, dir.toString());
    URI config = Log4j2EndToEndTest.class.getResource("/log4j2-e2e.xml").toURI();
    LoggerContext ctx =
        Configurator.initialize("logdx-e2e", Log4j2EndToEndTest.class.getClassLoader(), config);
    try {
      assertThat(ctx.getConfiguration().getAppenders()).containsKeys("BOOT", "PLAIN", "ECS");
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
    } finally {
      Configurator.shutdown(ctx);
    }
  }

  @AfterAll
  static void clearProperty() {
    System.clearProperty(DIR_PROPERTY);
  }

  @Test
  void groupsTheFailuresOfASpringBootStyleFile() throws Exception {
    Path log = dir.resolve("boot.log");
    String text = Files.readString(log);
    assertThat(text)
        .contains(" --- [")
        .contains("~[")
        .contains("Caused by: java.net.ConnectException");
    String report = ReportAssertions.diagnose(log);
    ReportAssertions.assertScenarioReport(report, scenario, true);
  }

  @Test
  void groupsTheFailuresOfALog4j2DefaultPatternFile() throws Exception {
    Path log = dir.resolve("plain.log");
    String report = ReportAssertions.diagnose(log);
    List<JsonNode> groups = ReportAssertions.assertScenarioReport(report, scenario, false);
    assertThat(groups.get(0).get("first_line").asLong()).isPositive();
  }

  @Test
  void readsEcsJsonLinesOfJsonTemplateLayout() throws Exception {
    Path log = dir.resolve("ecs.json");
    assertThat(Files.readString(log))
        .contains("\"error.stack_trace\":")
        .contains("\"@timestamp\":");
    String report = ReportAssertions.diagnose(log);
    ReportAssertions.assertScenarioReport(report, scenario, true);
  }

  @Test
  void diagnoseAndBatchFindTheSameFailuresInEveryFile() throws Exception {
    Map<String, Integer> failures =
        CommandAgreement.assertAgree(
            dir.resolve("boot.log"),
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:").asPredicate());
    assertThat(failures.values())
        .containsExactlyInAnyOrder(
            FailureScenario.BAD_AMOUNTS,
            FailureScenario.LEDGER_DOWN,
            FailureScenario.MISSING_STATEMENTS);
    assertThat(
            CommandAgreement.assertAgree(
                dir.resolve("plain.log"),
                Pattern.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} ").asPredicate()))
        .isEqualTo(failures);
    // before, batch read an ECS line's stack trace as plain text: the root cause, never the
    // location
    assertThat(CommandAgreement.assertAgree(dir.resolve("ecs.json"), line -> true))
        .isEqualTo(failures);
  }

  @Test
  void writesAnHtmlReportOfTheLog() throws Exception {
    Path html = dir.resolve("report.html");
    Cli.Result r =
        Cli.run(
            "diagnose",
            "--html",
            html.toString(),
            "--locale",
            "ko",
            "--model",
            "rules",
            dir.resolve("boot.log").toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    String page = Files.readString(html);
    assertThat(page).contains("<html lang=\"ko\">").contains("<svg").contains("근본 원인");
    assertThat(page.split("<article class=\"card\"", -1)).hasSize(4);
  }
}
