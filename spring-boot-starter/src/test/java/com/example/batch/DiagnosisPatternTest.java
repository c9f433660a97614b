package com.example.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code %diagnosis} and {@code %dx{...}} in {@code logging.pattern.console}, with no {@code logback.xml}: the
 * starter registers the words before Boot configures Logback. Boot's console appender, as it writes to
 * {@code System.out}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DiagnosisPatternTest {
  @Test
  void consolePatternPrintsTheDiagnosis(CapturedOutput output) {
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(BatchApplication.class)
            .web(WebApplicationType.NONE)
            .properties(
                "logdx.model=rules",
                "logdx.time-budget=20s",
                "logging.pattern.console=LINE %level %msg [%diagnosis] {%dx{category}}%n")
            .run()) {
      assertThat(app.isActive()).isTrue();
      try {
        Integer.parseInt("twelve");
      } catch (NumberFormatException e) {
        LoggerFactory.getLogger(DiagnosisPatternTest.class).error("bad quantity", e);
      }
    }
    // the context's close drained the diagnosing appender into Boot's console appender
    String line =
        output
            .getOut()
            .lines()
            .filter(l -> l.startsWith("LINE ERROR bad quantity"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no error line in:\n" + output.getOut()));
    assertThat(line).contains("{number_format}").contains("DiagnosisPatternTest");
    // not Logback's complaint about an unknown word (%PARSER_ERROR[diagnosis])
    assertThat(output.getAll()).doesNotContain("PARSER_ERROR");
  }
}
