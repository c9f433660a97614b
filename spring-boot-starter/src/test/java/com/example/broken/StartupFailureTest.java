package com.example.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A failure while the context starts: the installer has run before the application's beans are made, and the
 * failed refresh publishes no close event, so Boot's "Application run failed" is diagnosed too.
 */
class StartupFailureTest {
  private static final Path LOG_FILE = Path.of("target/broken-logs/startup.json");

  @Test
  void applicationRunFailedIsDiagnosed() throws Exception {
    Files.deleteIfExists(LOG_FILE);
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(BrokenApplication.class)
                    .web(WebApplicationType.NONE)
                    .properties(
                        "logdx.model=rules",
                        "logdx.time-budget=20s",
                        "logging.structured.format.file=logstash",
                        "logging.file.name=" + LOG_FILE)
                    .run())
        .hasRootCauseInstanceOf(NumberFormatException.class);

    JsonNode line = failureLine();
    assertThat(line.path("diagnosis.status").asText()).isEqualTo("ok");
    assertThat(line.path("diagnosis.category").asText()).isEqualTo("number_format");
    assertThat(line.path("diagnosis.location.class").asText())
        .isEqualTo(BrokenApplication.class.getName());
  }

  /**
   * Boot's failure line, once the dispatcher has written it (the appender stays with the logging system after a
   * failed start). Bounded, so that a missing line fails the test rather than hanging it.
   */
  private static JsonNode failureLine() throws Exception {
    for (int attempt = 0; attempt < 300; attempt++) {
      if (Files.exists(LOG_FILE)) {
        for (String l : Files.readAllLines(LOG_FILE, StandardCharsets.UTF_8)) {
          if (l.contains("Application run failed")) return new ObjectMapper().readTree(l);
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no \"Application run failed\" line in " + LOG_FILE);
  }
}
