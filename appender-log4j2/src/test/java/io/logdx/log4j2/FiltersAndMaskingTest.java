package io.logdx.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.logging.log4j.core.Logger;
import org.junit.jupiter.api.Test;

/** What is diagnosed (level threshold, excluded types), and what is never written (personal data). */
class FiltersAndMaskingTest {

  /** A synthetic card number (the well-known Visa test number; Luhn-valid) and a synthetic e-mail address. */
  static final String CARD = "4111 1111 1111 1111";
  static final String EMAIL = "kim.minji@example.com";

  static void charge(String card) {
    throw new IllegalStateException("card " + card + " of " + EMAIL + " is blocked by the issuer");
  }

  @Test
  void warnDiagnosedWhenAskedAndExcludedTypesSkipped() throws Exception {
    try (LogFixture f = LogFixture.start("dx-filters.xml")) {
      Logger log = f.logger("com.acme.Batch");
      log.warn("retrying", new IllegalStateException("pool is closed"));
      try {
        JsonOutputTest.parseAmount("x1");
      } catch (NumberFormatException e) {
        log.error("excluded type", e);
        log.error("excluded as a cause too", new IllegalArgumentException("wrapper", e));
      }
      log.info("info with a throwable is below WARN", new IllegalStateException("i"));
      DiagnosingAppender dx = f.appender("dx");
      f.stop();

      List<JsonNode> lines = f.json("app.json");
      assertThat(lines).hasSize(4);
      assertThat(lines.get(0).get("diagnosis").get("status").asText()).isEqualTo("ok");
      assertThat(lines.get(0).get("diagnosis").get("category").asText()).isEqualTo("resource_closed");
      assertThat(lines.get(1).get("diagnosis").get("status").asText()).isEqualTo("skipped");
      assertThat(lines.get(1).get("diagnosis").has("category")).isFalse();
      assertThat(lines.get(2).get("diagnosis").get("status").asText()).isEqualTo("skipped");
      assertThat(lines.get(3).has("diagnosis")).isFalse();
      assertThat(dx.stats().getSkipped()).isEqualTo(2);
      assertThat(dx.stats().getEnriched()).isEqualTo(1);
    }
  }

  @Test
  void personalDataInTheMessageNeverReachesTheDiagnosisFields() throws Exception {
    try (LogFixture f = LogFixture.start("dx-json.xml")) {
      Logger log = f.logger("com.acme.Cards");
      try {
        charge(CARD);
      } catch (IllegalStateException e) {
        log.error("charge failed", e);
      }
      f.stop();
      JsonNode line = f.json("app.json").get(0);
      // the application's own message and trace are the application's business; the diagnosis is logdx's
      assertThat(line.get("error.message").asText()).contains(CARD);
      JsonNode d = line.get("diagnosis");
      String written = d.toString();
      assertThat(written).doesNotContain(CARD).doesNotContain(CARD.replace(" ", "")).doesNotContain("1111 1111")
          .doesNotContain(EMAIL);
      assertThat(d.get("root_cause").get("message").asText()).contains("<card>").contains("<email>");
      List<String> plain = f.lines("app.log");
      assertThat(plain.get(0)).doesNotContain(CARD).doesNotContain(EMAIL);
    }
  }
}
