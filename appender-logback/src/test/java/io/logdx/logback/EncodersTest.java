package io.logdx.logback;

import static io.logdx.logback.LogbackFixture.configure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.contract.app.Failures;
import io.logdx.core.DiagnosisFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * What Logback's own JsonEncoder writes for enriched events, and the {@code attachTo} setting (MDC view, key-value
 * pairs, both), which only the Logback appender has. logstash-logback-encoder and the pattern converters are
 * asserted, for both frameworks, by the contract suite.
 */
class EncodersTest {
  // Elasticsearch rejects a document that repeats a key; read the files just as strictly
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  @TempDir Path dir;

  private void logThreeEvents(String config) throws Exception {
    try (LogbackFixture fx = configure(config, Map.of("OUT_DIR", dir.toString()))) {
      Logger log = fx.logger("com.acme.Payments");
      MDC.put("traceId", "trace-0001");
      try {
        log.error("amount rejected", Failures.numberFormat("abc"));
        log.info("plain line");
        log.error("gateway down", Failures.connectionRefused());
      } finally {
        MDC.remove("traceId");
      }
      fx.stop();
      assertThat(fx.problems()).isEmpty();
    }
  }

  private static List<JsonNode> readJsonLines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) out.add(STRICT.readTree(line));
    }
    return out;
  }

  @Test
  void logbacksOwnJsonEncoderShowsTheFieldsInItsMdcObject() throws Exception {
    logThreeEvents("logback-encoders.xml");
    List<JsonNode> lines = readJsonLines(dir.resolve("logback.json"));
    // JsonEncoder may write a header and a footer object; the events are those with a message
    List<JsonNode> events = lines.stream().filter(n -> n.has("message")).toList();
    assertThat(events).hasSize(3);
    JsonNode mdc = events.get(0).path("mdc");
    assertThat(mdc.path("traceId").asText()).isEqualTo("trace-0001");
    assertThat(mdc.path(DiagnosisFields.CATEGORY).asText()).isEqualTo("number_format");
    assertThat(mdc.path(DiagnosisFields.STATUS).asText()).isEqualTo("ok");
    assertThat(events.get(1).path("mdc").path(DiagnosisFields.STATUS).isMissingNode()).isTrue();
    assertThat(events.get(2).path("mdc").path(DiagnosisFields.CATEGORY).asText())
        .isEqualTo("connection_refused");
  }

  @Test
  void keyValuePairsReachEncodersThatReadOnlyThem() throws Exception {
    logThreeEvents("logback-encoders-both.xml");
    // Logback's JsonEncoder without MDC still sees the fields, as key-value pairs
    List<JsonNode> events =
        readJsonLines(dir.resolve("logback-kvp.json")).stream()
            .filter(n -> n.has("message"))
            .toList();
    assertThat(events).hasSize(3);
    JsonNode kvps = events.get(0).path("kvpList");
    assertThat(kvps.isArray()).isTrue();
    List<String> pairs = new ArrayList<>();
    kvps.forEach(
        kv -> kv.properties().forEach(e -> pairs.add(e.getKey() + "=" + e.getValue().asText())));
    assertThat(pairs)
        .contains(DiagnosisFields.CATEGORY + "=number_format", DiagnosisFields.STATUS + "=ok");
  }

  @Test
  void bothPlacesMakeLogstashEncoderRepeatKeysWhichIsWhyTheDefaultIsMdcOnly() throws Exception {
    logThreeEvents("logback-encoders-both.xml");
    String first =
        Files.readAllLines(dir.resolve("logstash-both.json"), StandardCharsets.UTF_8).get(0);
    assertThatThrownBy(() -> STRICT.readTree(first))
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("Duplicate field '" + DiagnosisFields.STATUS + "'");
  }
}
