package io.logdx.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.core.DiagnosisFields;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The sample {@code examples/logback.xml} loads as it is, without a warning or an error, and does what it says:
 * a logged error reaches the JSON file with its diagnosis fields and the console with its summary line.
 */
class SampleLogbackXmlTest {

  @Test
  void theSampleConfigurationDiagnosesIntoConsoleAndJson(@TempDir Path logDir) throws Exception {
    Path sample = Path.of(System.getProperty("logdx.sample.logback", "../logback.xml"));
    assertThat(sample).exists();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    // a context of its own, not the one logback-test.xml configured; SLF4J's provider would set the
    // MDC adapter
    LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new LogbackMDCAdapter());
    ctx.putProperty("LOG_DIR", logDir.toString());
    // the console appender binds System.out when it starts
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    try {
      JoranConfigurator joran = new JoranConfigurator();
      joran.setContext(ctx);
      joran.doConfigure(sample.toFile());
      Logger log = ctx.getLogger("com.acme.bank.PayrollImport");
      try {
        new BigDecimal("1,250,000");
      } catch (NumberFormatException e) {
        log.error("Payroll line 2 cannot be imported", e);
      }
      log.info("an event without a throwable");
      // A running service goes on after logging: give a diagnosis that missed the sample's 50 ms
      // budget (a loaded machine) the time to arrive as a follow-up; stopping right away would drop
      // it by design.
      awaitDiagnosis(logDir.resolve("app.json"));
    } finally {
      ctx.stop();
      System.setOut(originalOut);
    }

    List<Status> problems =
        ctx.getStatusManager().getCopyOfStatusList().stream()
            .filter(s -> s.getLevel() >= Status.WARN)
            .toList();
    assertThat(problems).as("warnings and errors while loading and running the sample").isEmpty();

    DiagnosedLog log = DiagnosedLog.read(logDir.resolve("app.json"), new ObjectMapper());
    JsonNode error =
        log.events().stream()
            .filter(
                e -> "Payroll line 2 cannot be imported".equals(DiagnosedLog.text(e, "message")))
            .findFirst()
            .orElseThrow();
    assertThat(DiagnosedLog.text(error, DiagnosisFields.STATUS)).isIn("ok", "pending");
    assertThat(DiagnosedLog.text(error, DiagnosisFields.FINGERPRINT)).isNotBlank();
    assertThat(DiagnosedLog.text(error, DiagnosisFields.ROOT_CAUSE_TYPE))
        .isEqualTo("java.lang.NumberFormatException");
    JsonNode diagnosis = log.diagnosisOf(error).orElseThrow();
    assertThat(DiagnosedLog.text(diagnosis, DiagnosisFields.CATEGORY)).isNotBlank();
    JsonNode info =
        log.events().stream()
            .filter(e -> "an event without a throwable".equals(DiagnosedLog.text(e, "message")))
            .findFirst()
            .orElseThrow();
    assertThat(info.has(DiagnosisFields.STATUS)).isFalse();

    String out = console.toString(StandardCharsets.UTF_8);
    List<String> summaryLines =
        out.lines().filter(l -> l.startsWith("  => type=")).collect(Collectors.toList());
    assertThat(summaryLines).hasSize(1);
    assertThat(summaryLines.get(0))
        .contains("type=" + DiagnosedLog.text(diagnosis, DiagnosisFields.CATEGORY));
    assertThat(out).contains("an event without a throwable");
  }

  private static void awaitDiagnosis(Path json) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(json)) {
        DiagnosedLog log = DiagnosedLog.read(json, new ObjectMapper());
        boolean done =
            log.events().stream()
                .anyMatch(e -> DiagnosedLog.text(e, DiagnosisFields.CATEGORY) != null);
        if (done) {
          return;
        }
      }
      Thread.sleep(20);
    }
  }
}
