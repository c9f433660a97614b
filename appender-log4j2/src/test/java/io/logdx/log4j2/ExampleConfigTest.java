package io.logdx.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.contract.app.Failures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;

/** The sample {@code examples/log4j2.xml} (also shown in the README) works as written. */
class ExampleConfigTest {

  @Test
  void theShippedExampleDiagnoses() throws Exception {
    Path example = Path.of("..", "examples", "log4j2.xml").toAbsolutePath().normalize();
    assertThat(example).exists();
    Path dir = Files.createTempDirectory("logdx-example-");
    System.setProperty("app.log.dir", dir.toString());
    LoggerContext ctx = new LoggerContext("logdx-example", null, example.toUri());
    try {
      ctx.start();
      assertThat((Object) ctx.getConfiguration().getAppender("dx"))
          .isInstanceOf(DiagnosingAppender.class);
      Logger log = ctx.getLogger("com.acme.Example");
      try {
        Failures.parseAmount("ten");
      } catch (NumberFormatException e) {
        log.error("amount unreadable", e);
      }
    } finally {
      ctx.stop(30, TimeUnit.SECONDS);
      System.clearProperty("app.log.dir");
    }
    List<String> lines = Files.readAllLines(dir.resolve("app.json"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(1);
    JsonNode d = new ObjectMapper().readTree(lines.get(0)).get("diagnosis");
    assertThat(d.get("category").asText()).isEqualTo("number_format");
    assertThat(d.get("status").asText()).isEqualTo("ok");
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }
}
