package io.logdx.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdx.contract.app.Failures;
import java.util.List;
import org.apache.logging.log4j.core.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT16 row 5 where only Log4j2 can reach it: a diagnosis engine that cannot even start a diagnosis (its
 * parser throws) needs the module's test seam {@link DiagnosingAppender#diagnoserFactory}, which the Logback appender
 * has no counterpart of (a classifier set in XML cannot break the parser). A model that throws, or one that cannot
 * load, is asserted for both frameworks by the contract suite (StatusContract).
 */
class BrokenParserTest {

  @AfterEach
  void resetSeam() {
    DiagnosingAppender.diagnoserFactory = null;
  }

  @Test
  void anEngineThatCannotEvenStartADiagnosisGivesStatusErrorAndTheEventGoesOn() throws Exception {
    // every event to diagnose is copied with diagnosis.status=overflow already in it (one copy if
    // the queue is full); one that is queued but whose diagnosis cannot start must not go on saying
    // overflow
    DiagnosingAppender.diagnoserFactory =
        b ->
            new ForwardingDiagnoser(b.build()) {
              @Override
              public io.logdx.core.Failure parse(Throwable throwable) {
                throw new IllegalStateException("parser is broken");
              }
            };
    try (LogFixture f = LogFixture.start("dx-failing.xml")) {
      Logger log = f.logger("com.acme.Payments");
      try {
        Failures.parseAmount("1,000");
      } catch (NumberFormatException e) {
        log.error("amount unreadable", e);
      }
      org.apache.logging.log4j.ThreadContext.put("request", "r-1");
      try {
        Failures.parseAmount("2,000");
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
      assertThat(lines)
          .extracting(n -> n.get("message").asText())
          .containsExactly("amount unreadable", "amount unreadable again", "still logging");
      assertThat(lines.get(0).get("diagnosis").get("status").asText()).isEqualTo("error");
      assertThat(lines.get(1).get("diagnosis").get("status").asText()).isEqualTo("error");
      assertThat(lines.get(2).has("diagnosis")).isFalse();
      assertThat(lines.get(1).toString()).contains("r-1");
    }
  }
}
