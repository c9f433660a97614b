package io.logdx.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.logging.log4j.core.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A stage 1 slower than the time budget: the event goes on pending and the diagnosis follows as its own event. */
class PendingFollowUpTest {

  @AfterEach
  void resetSeams() {
    DiagnosingAppender.diagnoserFactory = null;
    System.clearProperty(DiagnosingDefaults.PROPERTY_PREFIX + "followUps");
  }

  @Test
  void lateDiagnosisComesAsFollowUpWithTheOriginalsIdentity() throws Exception {
    TestClassifiers.Gated slow = new TestClassifiers.Gated();
    DiagnosingAppender.diagnoserFactory = b -> b.classifier(slow).build();
    try (LogFixture f = LogFixture.start("dx-pending.xml")) {
      Logger log = f.logger("com.acme.Transfers");
      try {
        JsonOutputTest.parseAmount("12x");
      } catch (NumberFormatException e) {
        log.error("transfer amount unreadable", e);
      }
      log.info("next event");
      LogFixture.waitFor("both events written", () -> lines(f).size() == 2);

      List<JsonNode> lines = lines(f);
      JsonNode pending = lines.get(0).get("diagnosis");
      assertThat(lines.get(0).get("message").asText()).isEqualTo("transfer amount unreadable");
      assertThat(pending.get("status").asText()).isEqualTo("pending");
      assertThat(pending.has("category")).as("no category before stage 1 answered").isFalse();
      assertThat(pending.get("root_cause").get("type").asText()).isEqualTo("java.lang.NumberFormatException");
      assertThat(pending.get("fingerprint").asText()).isNotBlank();
      String eventId = pending.get("event_id").asText();
      assertThat(eventId).isNotBlank();
      assertThat(lines.get(1).get("message").asText()).isEqualTo("next event");
      assertThat(lines.get(1).has("diagnosis")).isFalse();

      slow.open();
      LogFixture.waitFor("follow-up written", () -> lines(f).size() == 3);
      JsonNode followUp = lines(f).get(2);
      assertThat(followUp.get("log.level").asText()).isEqualTo("ERROR");
      assertThat(followUp.get("log.logger").asText()).isEqualTo("com.acme.Transfers");
      assertThat(followUp.get("message").asText()).startsWith("logdx diagnosis of event " + eventId + ": type=number_format");
      assertThat(followUp.has("error.type")).as("the follow-up does not repeat the stack trace").isFalse();
      JsonNode d = followUp.get("diagnosis");
      assertThat(d.get("status").asText()).isEqualTo("ok");
      assertThat(d.get("category").asText()).isEqualTo("number_format");
      assertThat(d.get("event_id").asText()).isEqualTo(eventId);
      assertThat(d.get("fingerprint").asText()).isEqualTo(pending.get("fingerprint").asText());
      assertThat(d.get("occurrences").asText()).isEqualTo("1");

      // the same failure again: now a cache hit, enriched at once
      try {
        JsonOutputTest.parseAmount("13x");
      } catch (NumberFormatException e) {
        log.error("transfer amount unreadable", e);
      }
      f.stop();
      JsonNode again = f.json("app.json").get(3).get("diagnosis");
      assertThat(again.get("status").asText()).isEqualTo("ok");
      // the follow-up reports the count without being an occurrence itself
      assertThat(again.get("occurrences").asText()).isEqualTo("2");
      assertThat(again.has("event_id")).isFalse();
      assertThat(slow.calls.get()).as("one computation per fingerprint").isEqualTo(1);
    }
  }

  @Test
  void followUpsCanBeTurnedOffWithASystemProperty() throws Exception {
    System.setProperty(DiagnosingDefaults.PROPERTY_PREFIX + "followUps", "false");
    TestClassifiers.Gated slow = new TestClassifiers.Gated();
    DiagnosingAppender.diagnoserFactory = b -> b.classifier(slow).build();
    try (LogFixture f = LogFixture.start("dx-pending.xml")) {
      assertThat(f.appender("dx").settings().followUps()).isFalse();
      Logger log = f.logger("com.acme.Transfers");
      log.error("closed", new IllegalStateException("ledger is closed"));
      LogFixture.waitFor("event written", () -> lines(f).size() == 1);
      slow.open();
      LogFixture.waitFor("diagnosis computed", () -> f.appender("dx").stats().getPending() == 1
          && slow.calls.get() == 1);
      f.stop();
      List<JsonNode> lines = f.json("app.json");
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0).get("diagnosis").get("status").asText()).isEqualTo("pending");
    }
  }

  private static List<JsonNode> lines(LogFixture f) {
    try {
      return f.json("app.json");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
