package io.logdx.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdx.contract.ContractModel;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.AppenderSettings;
import io.logdx.core.pipeline.AppenderSettings.OverflowPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every attribute read from XML; unreadable values reported to the StatusLogger and replaced by defaults. */
class SettingsTest {

  @AfterEach
  void clearProperties() {
    System.clearProperty(DiagnosingDefaults.PROPERTY_PREFIX + "queueSize");
    System.clearProperty(DiagnosingDefaults.PROPERTY_PREFIX + "timeBudget");
    System.clearProperty(DiagnosingDefaults.PROPERTY_PREFIX + "followUps");
    DiagnosingAppender.diagnoserFactory = null;
    ContractModel.reset();
  }

  @Test
  void readsEveryAttributeAndFallsBackOnTypos() throws Exception {
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    StatusListener listener =
        new StatusListener() {
          @Override
          public void log(StatusData data) {
            if (data.getLevel().isMoreSpecificThan(Level.WARN))
              warnings.add(data.getMessage().getFormattedMessage());
          }

          @Override
          public Level getStatusLevel() {
            return Level.WARN;
          }

          @Override
          public void close() {}
        };
    StatusLogger.getLogger().registerListener(listener);
    try (LogFixture f = LogFixture.start("dx-settings.xml")) {
      AppenderSettings s = f.appender("dx").settings();
      assertThat(s.appPackages()).containsExactly("com.acme", "com.bank");
      assertThat(s.locale()).isEqualTo(Locale.KOREAN);
      assertThat(s.model()).isEqualTo("rules");
      assertThat(s.queueSize()).isEqualTo(2048);
      assertThat(s.workerThreads()).isEqualTo(2);
      assertThat(s.timeBudget()).isEqualTo(Duration.ofMillis(250));
      assertThat(s.cacheSize()).isEqualTo(500);
      assertThat(s.overflowPolicy()).isEqualTo(OverflowPolicy.BLOCK);
      assertThat(s.maxBlock()).isEqualTo(Duration.ofSeconds(1));
      assertThat(s.drainTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(s.occurrenceWindow()).isEqualTo(Duration.ofMinutes(5));
      assertThat(f.appender("dx").level()).isEqualTo(Level.WARN);
      assertThat(s.includes()).containsExactly("java.io.IOException");
      assertThat(s.excludes())
          .containsExactly("java.net.SocketTimeoutException", "java.io.EOFException");
      assertThat(s.followUps()).isFalse();
      assertThat(f.appender("dx").requiresLocation()).isTrue();
      assertThat(s.jmx()).isFalse();
      assertThat(s.modelLoading()).isEqualTo(AppenderSettings.ModelLoading.BACKGROUND);

      AppenderSettings t = f.appender("typos").settings();
      AppenderSettings d = f.appender("defaults").settings();
      assertThat(t).hasToString(d.toString());
      assertThat(f.appender("typos").level()).isEqualTo(f.appender("defaults").level());
      assertThat(d.queueSize()).isEqualTo(AppenderSettings.DEFAULT_QUEUE_SIZE);
      assertThat(d.workerThreads()).isEqualTo(Diagnoser.Builder.DEFAULT_WORKER_THREADS);
      assertThat(d.timeBudget())
          .isEqualTo(Duration.ofMillis(AppenderSettings.DEFAULT_EVENT_TIME_BUDGET_MILLIS));
      assertThat(d.overflowPolicy()).isEqualTo(OverflowPolicy.PASS_THROUGH);
      assertThat(d.maxFieldLength()).isEqualTo(AppenderSettings.DEFAULT_MAX_FIELD_LENGTH);
      assertThat(f.appender("defaults").level()).isEqualTo(Level.ERROR);
      assertThat(f.appender("warnToo").level())
          .as("diagnoseWarn, as in the Logback appender")
          .isEqualTo(Level.WARN);
      assertThat(d.locale()).isNull();
      assertThat(d.model()).isEqualTo(Diagnoser.Builder.DEFAULT_MODEL);
      assertThat(d.drainTimeout())
          .isEqualTo(Duration.ofMillis(AppenderSettings.DEFAULT_DRAIN_TIMEOUT_MILLIS));
      assertThat(d.followUps()).isTrue();
      assertThat(f.appender("defaults").requiresLocation()).isFalse();
      assertThat(d.jmx()).isTrue();
      assertThat(d.modelLoading()).isEqualTo(AppenderSettings.ModelLoading.BLOCKING);
      assertThat(warnings)
          .anySatisfy(w -> assertThat(w).contains("typos").contains("queueSize=\"0\""))
          .anySatisfy(w -> assertThat(w).contains("timeBudget=\"fast\""))
          .anySatisfy(w -> assertThat(w).contains("overflowPolicy=\"DROP\""))
          .anySatisfy(w -> assertThat(w).contains("level=\"LOUD\""))
          .anySatisfy(w -> assertThat(w).contains("locale=\"!!\""))
          .anySatisfy(w -> assertThat(w).contains("drainTimeout=\"-5s\""))
          .anySatisfy(w -> assertThat(w).contains("occurrenceWindow=\"0\""))
          .anySatisfy(w -> assertThat(w).contains("modelLoading=\"lazy\"").contains("blocking"));
      assertThat(warnings).noneSatisfy(w -> assertThat(w).contains("appender dx:"));
    } finally {
      StatusLogger.getLogger().removeListener(listener);
    }
  }

  @Test
  void systemPropertiesChangeTheDefaults() throws Exception {
    System.setProperty(DiagnosingDefaults.PROPERTY_PREFIX + "queueSize", "64");
    System.setProperty(DiagnosingDefaults.PROPERTY_PREFIX + "timeBudget", "2s");
    try (LogFixture f = LogFixture.start("dx-settings.xml")) {
      assertThat(f.appender("defaults").settings().queueSize()).isEqualTo(64);
      assertThat(f.appender("defaults").settings().timeBudget()).isEqualTo(Duration.ofSeconds(2));
      assertThat(f.appender("dx").settings().queueSize()).as("the attribute wins").isEqualTo(2048);
    }
  }

  /**
   * A JVM-wide default through a system property changes behaviour, not only the settings object: with
   * {@code logdx.log4j2.followUps=false} a late diagnosis gives no follow-up event.
   */
  @Test
  void followUpsCanBeTurnedOffWithASystemProperty() throws Exception {
    System.setProperty(DiagnosingDefaults.PROPERTY_PREFIX + "followUps", "false");
    ContractModel.mode(ContractModel.Mode.GATED);
    DiagnosingAppender.diagnoserFactory = b -> b.classifier(new ContractModel()).build();
    try (LogFixture f = LogFixture.start("dx-pending.xml")) {
      assertThat(f.appender("dx").settings().followUps()).isFalse();
      Logger log = f.logger("com.acme.Transfers");
      log.error("closed", new IllegalStateException("ledger is closed"));
      LogFixture.waitFor("event written", () -> json(f).size() == 1);
      ContractModel.openGate();
      LogFixture.waitFor("diagnosis computed", () -> ContractModel.done() == 1);
      f.stop();
      List<JsonNode> lines = f.json("app.json");
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0).get("diagnosis").get("status").asText()).isEqualTo("pending");
    }
  }

  private static List<JsonNode> json(LogFixture f) {
    try {
      return f.json("app.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
