package io.logdx.logback;

import static io.logdx.logback.LogbackFixture.configure;
import static io.logdx.logback.LogbackFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.contract.app.Failures;
import io.logdx.core.DiagnosisFields;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample configuration of the README, run as it is. */
class ReadmeSampleTest {
  @TempDir Path dir;

  @Test
  void readmeShowsTheSampleThatIsTested() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    String sample =
        Files.readString(
            Path.of("src/test/resources/logback-readme-sample.xml"), StandardCharsets.UTF_8);
    StringBuilder indented = new StringBuilder();
    for (String line : sample.strip().split("\n")) {
      indented.append(line.isEmpty() ? "" : "   " + line).append('\n');
    }
    assertThat(readme).contains(indented.toString());
  }

  @Test
  void sampleConfigurationEnrichesConsoleAndJson() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream realOut = System.out;
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    try (LogbackFixture fx =
        configure("logback-readme-sample.xml", Map.of("LOG_DIR", dir.toString()))) {
      Logger log = fx.logger("com.acme.pay.AmountParser");
      log.info("started");
      log.error("amount rejected", Failures.numberFormat("abc"));
      Path json = dir.resolve("app.json");
      // default budget (50 ms): on a cold machine the diagnosis may come as a follow-up event
      waitFor(
          "a complete diagnosis in the JSON file",
          () -> {
            try {
              return Files.readString(json).contains("\"" + DiagnosisFields.STATUS + "\":\"ok\"");
            } catch (java.io.IOException e) {
              return false;
            }
          });
      fx.stop();
      assertThat(fx.problems()).isEmpty();
    } finally {
      System.setOut(realOut);
    }
    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    for (String l : Files.readAllLines(dir.resolve("app.json"))) lines.add(mapper.readTree(l));
    JsonNode ok =
        lines.stream()
            .filter(n -> "ok".equals(n.path(DiagnosisFields.STATUS).asText()))
            .findFirst()
            .orElseThrow();
    assertThat(ok.path(DiagnosisFields.CATEGORY).asText()).isEqualTo("number_format");

    String out = console.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("INFO  [main] com.acme.pay.AmountParser - started\n");
    assertThat(out)
        .containsPattern(
            "ERROR \\[main\\] com\\.acme\\.pay\\.AmountParser - "
                + "(amount rejected \\[type=number_format; |amount rejected\\n(?s:.*)logdx diagnosis for earlier event \\[type=number_format; )");
    assertThat(out).contains("java.lang.NumberFormatException: For input string: \"abc\"");
  }

  @Test
  void wrapsLogbacksAsyncAppenderForAppendersThatMayStall() throws Exception {
    try (LogbackFixture fx = configure("logback-async-inside.xml")) {
      fx.logger("com.acme.Payments").error("amount rejected", Failures.numberFormat("abc"));
      AsyncAppender async = (AsyncAppender) fx.appender("DX").getAppender("ASYNC");
      @SuppressWarnings("unchecked")
      ListAppender<ILoggingEvent> list = (ListAppender<ILoggingEvent>) async.getAppender("LIST");
      fx.stop();
      assertThat(fx.problems()).isEmpty();
      assertThat(list.list).hasSize(1);
      assertThat(list.list.get(0).getMDCPropertyMap())
          .containsEntry(DiagnosisFields.CATEGORY, "number_format");
    }
  }
}
