package io.logdx.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * The demo as a user runs it, with its own application.properties (ECS JSON to a file, nothing about logdx), on a
 * random port, called over loopback: each failing endpoint gives one enriched ECS line with the right category
 * and a location in the demo's package (the app packages the starter takes from the application class).
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "logging.file.name=" + DemoApplicationTest.LOG_FILE,
      // every event waits for its diagnosis (one line each) rather than going on as pending, its
      // diagnosis following in a second event: what a user sees first for a never-seen failure
      "logdx.time-budget=20s"
    })
class DemoApplicationTest {
  static final String LOG_FILE = "target/demo-logs/spring-boot-demo.json";

  static {
    try {
      Files.deleteIfExists(Path.of(LOG_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  @Autowired private TestRestTemplate http;

  @Test
  void eachFailureIsDiagnosedInBootsEcsJson() throws Exception {
    assertThat(http.getForEntity("/amounts/twelve", String.class).getStatusCode())
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(http.postForEntity("/accounts/A-1", null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(http.postForEntity("/accounts/A-1", null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(http.getForEntity("/rates/EUR", String.class).getStatusCode())
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);

    List<JsonNode> errors = errorLines(3);
    assertDiagnosed(errors.get(0), "NumberFormatException", "number_format");
    assertDiagnosed(errors.get(1), "IntegrityConstraintViolation", "db_constraint_violation");
    assertDiagnosed(errors.get(2), "java.net.ConnectException", "connection_refused");
  }

  /** Tomcat logs the root cause, and ECS's error.type is its type. */
  private static void assertDiagnosed(JsonNode line, String type, String category) {
    assertThat(line.at("/error/type").asText()).contains(type);
    assertThat(line.at("/diagnosis/status").asText()).as(line.toString()).isEqualTo("ok");
    assertThat(line.at("/diagnosis/category").asText()).as(line.toString()).isEqualTo(category);
    assertThat(line.at("/diagnosis/location/class").asText())
        .isEqualTo(PaymentsController.class.getName());
    // the shipped model, or the rules while it still loads in the background: named either way
    assertThat(line.at("/diagnosis/model").asText()).isNotBlank();
  }

  /** The file's lines with an error, once there are {@code count}: bounded, so a missing line fails the test. */
  private List<JsonNode> errorLines(int count) throws Exception {
    List<JsonNode> errors = new ArrayList<>();
    for (int attempt = 0; attempt < 300; attempt++) {
      errors.clear();
      Path file = Path.of(LOG_FILE);
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isBlank()) continue;
          JsonNode node = json.readTree(line);
          if (node.has("error")) errors.add(node);
        }
      }
      if (errors.size() >= count) return errors;
      Thread.sleep(100);
    }
    throw new AssertionError(
        "expected " + count + " error lines in " + LOG_FILE + ", got " + errors);
  }
}
