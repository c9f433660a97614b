package com.example.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.log4j2.DiagnosingAppender;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application on {@code spring-boot-starter-log4j2} (tag {@code log4j2}: run by the surefire execution
 * {@code log4j2}, without Logback): Boot's Log4j2 logging system writing ECS JSON to a file, the starter wrapping the root logger's
 * appenders in the Log4j2 diagnosing appender. The rules diagnose (the model's wiring is the Logback tests').
 */
@Tag("log4j2")
class BootOnLog4j2Test {
  private static final Path LOG_FILE = Path.of("target/batch-logs/log4j2.json");

  private ConfigurableApplicationContext run() {
    return new SpringApplicationBuilder(BatchApplication.class)
        .web(WebApplicationType.NONE)
        .properties(
            "logdx.model=rules",
            "logdx.time-budget=20s",
            "logging.structured.format.file=ecs",
            "logging.file.name=" + LOG_FILE)
        .run();
  }

  private static List<Appender> rootAppenders() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    return new ArrayList<>(ctx.getConfiguration().getRootLogger().getAppenders().values());
  }

  @Test
  void wrapsLog4j2sRootAppendersAndWritesDiagnosesIntoBootsEcsJson() throws Exception {
    Files.deleteIfExists(LOG_FILE);
    DiagnosingAppender d;
    MeterRegistry registry;
    try (ConfigurableApplicationContext app = run()) {
      assertThat(app.isActive()).isTrue();
      registry = app.getBean(MeterRegistry.class);
      assertThat(rootAppenders()).singleElement().isInstanceOf(DiagnosingAppender.class);
      d = (DiagnosingAppender) rootAppenders().get(0);
      try (ConfigurableApplicationContext nested = run()) {
        // Boot leaves Log4j2 as it is while a context is open, and so does the starter
        assertThat(nested.isActive()).isTrue();
        assertThat(rootAppenders()).containsExactly(d);
      }
      try {
        Integer.parseInt("twelve");
      } catch (NumberFormatException e) {
        LoggerFactory.getLogger(BootOnLog4j2Test.class).error("bad quantity", e);
      }
    }
    // closed: drained into Boot's appenders, which the root logger has back, running
    assertThat(d.isStopped()).isTrue();
    assertThat(rootAppenders())
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a).isNotInstanceOf(DiagnosingAppender.class))
        .allSatisfy(a -> assertThat(a.isStarted()).isTrue());

    JsonNode line = null;
    for (String l : Files.readAllLines(LOG_FILE, StandardCharsets.UTF_8)) {
      if (l.contains("bad quantity")) line = new ObjectMapper().readTree(l);
    }
    assertThat(line).as("the error line in " + LOG_FILE).isNotNull();
    assertThat(line.at("/diagnosis/status").asText()).isEqualTo("ok");
    assertThat(line.at("/diagnosis/category").asText()).isEqualTo("number_format");
    assertThat(line.at("/diagnosis/location/class").asText())
        .isEqualTo(BootOnLog4j2Test.class.getName());

    // the actuator's part on Log4j2: counted once (the nested context's binder let go when it
    // closed), and kept for the endpoint
    assertThat(
            registry
                .get("logdx.diagnoses")
                .tags("category", "number_format", "status", "ok")
                .counter()
                .count())
        .isEqualTo(1.0);
    String fingerprint = line.at("/diagnosis/fingerprint").asText();
    assertThat(d.failures().mostFrequent())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.diagnosis().category()).isEqualTo("number_format");
              assertThat(e.count()).isEqualTo(1);
              assertThat(e.fingerprint()).isEqualTo(fingerprint);
            });
  }
}
