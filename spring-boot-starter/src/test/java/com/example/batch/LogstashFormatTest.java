package com.example.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Boot's other structured format on Logback, {@code logstash}: the diagnosis fields as it writes MDC entries. The
 * rules diagnose (the shipped model's run in Boot is {@code ShopApplicationTest}'s).
 */
class LogstashFormatTest {
  private static final Path LOG_FILE = Path.of("target/batch-logs/logstash.json");

  @Test
  void diagnosisFieldsAppearInBootsLogstashJson() throws Exception {
    Files.deleteIfExists(LOG_FILE);
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(BatchApplication.class)
            .web(WebApplicationType.NONE)
            .properties(
                "logdx.model=rules",
                "logdx.time-budget=20s",
                "logging.structured.format.file=logstash",
                "logging.file.name=" + LOG_FILE)
            .run()) {
      assertThat(app.isActive()).isTrue();
      try {
        Integer.parseInt("twelve");
      } catch (NumberFormatException e) {
        LoggerFactory.getLogger(LogstashFormatTest.class).error("bad quantity", e);
      }
    }
    // the context's close drained the diagnosing appender into Boot's file appender
    JsonNode line = null;
    for (String l : Files.readAllLines(LOG_FILE, StandardCharsets.UTF_8)) {
      if (l.contains("bad quantity")) line = new ObjectMapper().readTree(l);
    }
    assertThat(line).as("the error line in " + LOG_FILE).isNotNull();
    // flat: Boot's logstash format writes each MDC entry as a top-level key, dots and all (ECS
    // nests them)
    assertThat(line.path("diagnosis.status").asText()).isEqualTo("ok");
    assertThat(line.path("diagnosis.category").asText()).isEqualTo("number_format");
    assertThat(line.path("diagnosis.location.class").asText())
        .isEqualTo(LogstashFormatTest.class.getName());
  }
}
