package com.example.shop;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;

/**
 * The whole path with no logdx configuration but the database failure's time budget: Boot's default Logback
 * writing ECS JSON to a file ({@code logging.structured.format.file=ecs}), a controller whose failures Tomcat
 * logs, called over loopback. The shipped model (the default) diagnoses.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "logging.structured.format.file=ecs",
      "logging.file.name=" + ShopApplicationTest.LOG_FILE,
      "spring.datasource.url=jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1",
      // every event waits for its diagnosis rather than going on as pending with a follow-up: one
      // line each
      "logdx.time-budget=20s"
    })
class ShopApplicationTest {
  static final String LOG_FILE = "target/shop-logs/shop.json";

  static {
    try {
      Files.deleteIfExists(Path.of(LOG_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final ObjectMapper json = new ObjectMapper();

  @Value("${local.server.port}")
  private int port;

  private Loopback http;

  @BeforeEach
  void loopback() {
    http = new Loopback(port);
  }

  @Test
  void controllerFailuresAreDiagnosedInBootsEcsJson() throws Exception {
    assertThat(http.get("/quantity/twelve").getStatusCode())
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(http.post("/accounts/A-1").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.post("/accounts/A-1").getStatusCode())
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);

    List<JsonNode> errors = errorLines(2);
    JsonNode parse = errors.get(0);
    assertThat(parse.at("/error/type").asText()).isEqualTo("java.lang.NumberFormatException");
    assertThat(parse.at("/diagnosis/status").asText()).isEqualTo("ok");
    assertThat(parse.at("/diagnosis/category").asText()).isEqualTo("number_format");
    assertThat(parse.at("/diagnosis/location/class").asText())
        .isEqualTo(ShopController.class.getName());

    JsonNode duplicate = errors.get(1);
    assertThat(duplicate.at("/error/type").asText()).contains("IntegrityConstraintViolation");
    assertThat(duplicate.at("/diagnosis/status").asText()).isEqualTo("ok");
    assertThat(duplicate.at("/diagnosis/category").asText()).isEqualTo("db_constraint_violation");
    assertThat(duplicate.at("/diagnosis/location/class").asText())
        .isEqualTo(ShopController.class.getName());
  }

  /**
   * The file's lines with an error, once there are {@code count} of them: the dispatcher writes them off the
   * request thread. Bounded, so that a missing line fails the test rather than hanging it.
   */
  private List<JsonNode> errorLines(int count) throws Exception {
    List<JsonNode> errors = new ArrayList<>();
    for (int attempt = 0; attempt < 300; attempt++) {
      errors.clear();
      Path file = Path.of(LOG_FILE);
      if (Files.exists(file)) {
        String written = Files.readString(file, StandardCharsets.UTF_8);
        // complete lines only: the appender may be in the middle of writing the last one (a long
        // stack trace)
        for (String line : written.substring(0, written.lastIndexOf('\n') + 1).split("\n")) {
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
