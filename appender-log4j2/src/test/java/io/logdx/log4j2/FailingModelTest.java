package io.logdx.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.logging.log4j.core.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A broken model never costs an event: it goes on with status error, and a missing model falls back to the rules. */
class FailingModelTest {

  @AfterEach
  void resetSeam() {
    DiagnosingAppender.diagnoserFactory = null;
  }

  @Test
  void aModelThatThrowsGivesStatusErrorAndTheEventGoesOn() throws Exception {
    DiagnosingAppender.diagnoserFactory = b -> b.classifier(TestClassifiers.Gated.broken()).build();
    try (LogFixture f = LogFixture.start("dx-failing.xml")) {
      Logger log = f.logger("com.acme.Payments");
      try {
        JsonOutputTest.parseAmount("1,000");
      } catch (NumberFormatException e) {
        log.error("amount unreadable", e);
      }
      log.info("still logging");
      LogFixture.waitFor("two events", () -> f.appender("dx").stats().getDelivered() == 2);
      assertThat(f.appender("dx").stats().getFailed()).isEqualTo(1);
      assertThat(f.appender("dx").stats().getEnriched()).isZero();
      f.stop();

      List<JsonNode> lines = f.json("app.json");
      assertThat(lines).extracting(n -> n.get("message").asText()).containsExactly("amount unreadable", "still logging");
      JsonNode d = lines.get(0).get("diagnosis");
      assertThat(d.get("status").asText()).isEqualTo("error");
      assertThat(d.get("category").asText()).isEqualTo("unknown");
      assertThat(d.get("model").asText()).isEqualTo("broken-model/1");
      // what parsing alone knows is still there
      assertThat(d.get("root_cause").get("type").asText()).isEqualTo("java.lang.NumberFormatException");
      assertThat(d.get("fingerprint").asText()).isNotBlank();
    }
  }

  @Test
  void anEngineThatCannotEvenStartADiagnosisGivesStatusErrorAndTheEventGoesOn() throws Exception {
    // every event to diagnose is copied with diagnosis.status=overflow already in it (one copy if the queue is
    // full); one that is queued but whose diagnosis cannot start must not go on saying overflow
    DiagnosingAppender.diagnoserFactory = b -> new ForwardingDiagnoser(b.build()) {
      @Override
      public io.logdx.core.Failure parse(Throwable throwable) {
        throw new IllegalStateException("parser is broken");
      }
    };
    try (LogFixture f = LogFixture.start("dx-failing.xml")) {
      Logger log = f.logger("com.acme.Payments");
      try {
        JsonOutputTest.parseAmount("1,000");
      } catch (NumberFormatException e) {
        log.error("amount unreadable", e);
      }
      org.apache.logging.log4j.ThreadContext.put("request", "r-1");
      try {
        JsonOutputTest.parseAmount("2,000");
      } catch (NumberFormatException e) {
        log.error("amount unreadable again", e);
      } finally {
        org.apache.logging.log4j.ThreadContext.remove("request");
      }
      log.info("still logging");
      LogFixture.waitFor("three events", () -> f.appender("dx").stats().getDelivered() == 3);
      assertThat(f.appender("dx").stats().getFailed()).isEqualTo(2);
      f.stop();

      List<JsonNode> lines = f.json("app.json");
      assertThat(lines).extracting(n -> n.get("message").asText())
          .containsExactly("amount unreadable", "amount unreadable again", "still logging");
      assertThat(lines.get(0).get("diagnosis").get("status").asText()).isEqualTo("error");
      assertThat(lines.get(1).get("diagnosis").get("status").asText()).isEqualTo("error");
      assertThat(lines.get(2).has("diagnosis")).isFalse();
      assertThat(lines.get(1).toString()).contains("r-1");
    }
  }

  @Test
  void aModelLocationWithoutAModelFallsBackToTheRules() throws Exception {
    try (LogFixture f = LogFixture.start("dx-badmodel.xml")) {
      Logger log = f.logger("com.acme.Payments");
      try {
        JsonOutputTest.parseAmount("abc");
      } catch (NumberFormatException e) {
        log.error("amount unreadable", e);
      }
      f.stop();
      JsonNode d = f.json("app.json").get(0).get("diagnosis");
      assertThat(d.get("status").asText()).isEqualTo("ok");
      assertThat(d.get("category").asText()).isEqualTo("number_format");
      assertThat(d.get("model").asText()).startsWith("logdx-rules/");
    }
  }
}
