package io.logdx.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the summary pairs events with their diagnoses: complete, pending with a follow-up, and undiagnosed. */
class DiagnosedLogTest {

  @Test
  void pendingEventsTakeTheDiagnosisOfTheirFollowUp(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("log.json");
    Files.write(
        file,
        List.of(
            "{\"level\":\"ERROR\",\"scenario\":\"a\",\"diagnosis.status\":\"ok\",\"diagnosis.category\":\"number_format\","
                + "\"diagnosis.fingerprint\":\"f1\",\"diagnosis.confidence\":\"0.900\"}",
            "{\"level\":\"ERROR\",\"scenario\":\"b\",\"diagnosis.status\":\"pending\",\"diagnosis.fingerprint\":\"f2\","
                + "\"diagnosis.event_id\":\"e1\"}",
            "{\"level\":\"INFO\",\"scenario\":\"b\"}",
            "{\"level\":\"ERROR\",\"scenario\":\"b\",\"message\":\"logdx diagnosis for earlier event\","
                + "\"diagnosis.status\":\"ok\",\"diagnosis.category\":\"task_rejected\",\"diagnosis.fingerprint\":\"f2\","
                + "\"diagnosis.event_id\":\"e1\",\"diagnosis.confidence\":\"0.700\"}",
            "{\"level\":\"ERROR\",\"scenario\":\"c\"}"),
        StandardCharsets.UTF_8);
    DiagnosedLog log = DiagnosedLog.read(file, new ObjectMapper());

    assertThat(log.errorsOf("a")).hasSize(1);
    assertThat(log.errorsOf("b")).as("the follow-up is not a second error").hasSize(1);
    JsonNode b = log.errorsOf("b").get(0);
    assertThat(DiagnosedLog.text(log.diagnosisOf(b).orElseThrow(), "diagnosis.category"))
        .isEqualTo("task_rejected");
    assertThat(log.diagnosisOf(log.errorsOf("c").get(0))).isEmpty();

    Scenario a = new Scenario("a", "x", "number_format", 1, bank -> {});
    Scenario bs = new Scenario("b", "y", "task_rejected", 1, bank -> {});
    Scenario c = new Scenario("c", "z", "null_reference", 1, bank -> {});
    Scenario d = new Scenario("d", "w", "unknown", 1, bank -> {});
    DemoSummary summary = DemoSummary.of(List.of(a, bs, c, d), log, Map.of());
    assertThat(summary.rows())
        .extracting(DemoSummary.Row::category)
        .containsExactly("number_format", "task_rejected", null, null);
    assertThat(summary.rows()).extracting(DemoSummary.Row::logged).containsExactly(1, 1, 1, 0);
    assertThat(summary.wrong()).extracting(r -> r.scenario().id()).containsExactly("c", "d");
  }
}
