package io.logdx.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdx.contract.app.Failures;
import java.util.List;
import org.apache.logging.log4j.core.Logger;
import org.junit.jupiter.api.Test;

/**
 * The {@code level} attribute, which only {@code <Diagnosing>} has: a Log4j2 appender names its threshold as a
 * level, as Log4j2's own filters do, where the Logback appender has only {@code diagnoseWarn} (asserted for both
 * frameworks by the contract suite, StatusContract).
 */
class LevelAttributeTest {

  @Test
  void levelWarnDiagnosesWarnAndNotInfo() throws Exception {
    try (LogFixture f = LogFixture.start("dx-level.xml")) {
      Logger log = f.logger("com.acme.Batch");
      log.warn("retrying", new IllegalStateException("pool is closed"));
      log.info("info with a throwable is below WARN", Failures.numberFormat("i"));
      DiagnosingAppender dx = f.appender("dx");
      f.stop();

      List<JsonNode> lines = f.json("app.json");
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0).get("diagnosis").get("status").asText()).isEqualTo("ok");
      assertThat(lines.get(0).get("diagnosis").get("category").asText())
          .isEqualTo("resource_closed");
      assertThat(lines.get(1).has("diagnosis")).isFalse();
      assertThat(dx.stats().getEnriched()).isEqualTo(1);
    }
  }
}
