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
import org.springframework.http.ResponseEntity;

/**
 * The shop with the actuator on its class path (spring-boot-starter-actuator, as an application adds it) and the
 * endpoints exposed: the controller's failures, called over loopback, are counted by the meter
 * {@code logdx.diagnoses} with their category and listed by the endpoint {@code logdx}, masked, most frequent
 * first; {@code logdx} in the info endpoint names the model.
 */
@SpringBootTest(
    classes = ShopApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "logging.structured.format.file=ecs",
      "logging.file.name=" + ShopActuatorTest.LOG_FILE,
      "spring.datasource.url=jdbc:h2:mem:shop-actuator;DB_CLOSE_DELAY=-1",
      "management.endpoints.web.exposure.include=health,info,metrics,logdx",
      // every event waits for its diagnosis: counted with its category at once, no follow-up
      "logdx.time-budget=20s"
    })
class ShopActuatorTest {
  static final String LOG_FILE = "target/shop-logs/shop-actuator.json";

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
  void theMeterAndTheEndpointShowTheFailuresMaskedMostFrequentFirst() throws Exception {
    String card = "4111111111111111"; // a synthetic test number that passes the Luhn check
    assertThat(http.get("/quantity/twelve").getStatusCode())
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(http.get("/quantity/twelve").getStatusCode())
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(http.post("/cards/" + card + "/charge").getStatusCode())
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    // written, so counted and recorded: the appender records a diagnosis before handing it on
    List<JsonNode> errors = errorLines(3);
    String parseFingerprint = errors.get(0).at("/diagnosis/fingerprint").asText();
    assertThat(parseFingerprint).isNotEmpty();
    assertThat(errors.get(1).at("/diagnosis/fingerprint").asText()).isEqualTo(parseFingerprint);

    // the counter, with its tags
    JsonNode all = get("/actuator/metrics/logdx.diagnoses");
    assertThat(all.at("/measurements/0/value").asDouble()).isEqualTo(3.0);
    assertThat(tagValues(all, "category")).contains("number_format");
    assertThat(tagValues(all, "status")).containsExactly("ok");
    JsonNode parses = get("/actuator/metrics/logdx.diagnoses?tag=category:number_format");
    assertThat(parses.at("/measurements/0/value").asDouble()).isEqualTo(2.0);
    for (String meter : List.of("logdx.queue.depth", "logdx.cache.size", "logdx.model.time")) {
      assertThat(get("/actuator/metrics/" + meter).at("/name").asText()).isEqualTo(meter);
    }
    assertThat(get("/actuator/metrics/logdx.cache.size").at("/measurements/0/value").asDouble())
        .isEqualTo(2.0);
    assertThat(get("/actuator/metrics/logdx.model.time").at("/measurements/0/value").asDouble())
        .as("model runs")
        .isEqualTo(2.0);

    // the endpoint: most frequent first, masked
    ResponseEntity<String> listed = http.get("/actuator/logdx");
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(listed.getBody()).doesNotContain(card).contains("<card>");
    JsonNode failures = json.readTree(listed.getBody()).at("/failures");
    assertThat(failures.size()).as(listed.getBody()).isEqualTo(2);
    JsonNode first = failures.get(0);
    assertThat(first.at("/fingerprint").asText()).isEqualTo(parseFingerprint);
    assertThat(first.at("/category").asText()).isEqualTo("number_format");
    assertThat(first.at("/status").asText()).isEqualTo("ok");
    assertThat(first.at("/count").asLong()).isEqualTo(2);
    assertThat(first.at("/confidence").asDouble()).isPositive();
    assertThat(first.at("/location").asText()).contains(ShopController.class.getName());
    assertThat(first.at("/cause").asText()).isNotEmpty();
    assertThat(first.at("/fix").asText()).isNotEmpty();
    assertThat(first.at("/firstSeen").asText()).isNotEmpty();
    assertThat(first.at("/lastSeen").asText()).isNotEmpty();
    JsonNode declined = failures.get(1);
    assertThat(declined.at("/count").asLong()).isEqualTo(1);
    assertThat(declined.at("/rootCauseMessage").asText()).contains("<card>");

    JsonNode one = get("/actuator/logdx/" + parseFingerprint);
    assertThat(one.at("/category").asText()).isEqualTo("number_format");
    assertThat(one.at("/count").asLong()).isEqualTo(2);
    assertThat(http.get("/actuator/logdx/0000000000").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    // info, not health: the model, and no warning for the shipped one
    JsonNode info = get("/actuator/info").at("/logdx");
    assertThat(info.at("/active").asBoolean()).as(info.toString()).isTrue();
    assertThat(info.at("/model").asText()).isNotEmpty();
    assertThat(info.has("warning")).as(info.toString()).isFalse();
    assertThat(get("/actuator/health").at("/status").asText()).isEqualTo("UP");
  }

  private JsonNode get(String path) throws IOException {
    ResponseEntity<String> r = http.get(path);
    assertThat(r.getStatusCode()).as(path + ": " + r.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(r.getBody());
  }

  private static List<String> tagValues(JsonNode meter, String tag) {
    List<String> values = new ArrayList<>();
    for (JsonNode t : meter.at("/availableTags")) {
      if (tag.equals(t.at("/tag").asText())) t.at("/values").forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  /** The file's lines with an error, once there are {@code count} of them (bounded, see ShopApplicationTest). */
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
