package io.logdx.logback;

import static io.logdx.logback.LogbackFixture.configure;
import static io.logdx.logback.LogbackFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logdx.contract.app.Failures;
import io.logdx.core.DiagnosisFields;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.AppenderSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What only the Logback appender's JavaBean settings show: the defaults without any setting and every setter read
 * from XML. Every behaviour both appenders share is asserted once, for both, by the contract suite
 * ({@code io.logdx.logback.contract}).
 */
class DiagnosingAppenderTest {

  @Test
  void worksWithoutAnySetting() throws Exception {
    try (LogbackFixture fx = configure("logback-defaults.xml")) {
      DiagnosingAppender dx = fx.appender("DX");
      assertThat(dx.getQueueSize()).isEqualTo(AppenderSettings.DEFAULT_QUEUE_SIZE);
      assertThat(dx.getTimeBudget().getMilliseconds())
          .isEqualTo(AppenderSettings.DEFAULT_EVENT_TIME_BUDGET_MILLIS);
      assertThat(dx.getModel()).isEqualTo(Diagnoser.Builder.DEFAULT_MODEL);
      assertThat(dx.getMaxFieldLength()).isEqualTo(AppenderSettings.DEFAULT_MAX_FIELD_LENGTH);
      assertThat(dx.isJmx()).isTrue();
      assertThat(dx.getOverflowPolicy()).isEqualTo(DiagnosingAppender.DEFAULT_OVERFLOW_POLICY);
      assertThat(dx.getAttachTo()).isEqualTo(DiagnosingAppender.DEFAULT_ATTACH_TO);
      Logger log = fx.logger("com.acme.Payments");
      log.error("amount rejected", Failures.numberFormat("abc"));
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      // the default budget is short: on a cold or busy machine the first diagnosis may come as a
      // follow-up
      waitFor(
          "a complete diagnosis",
          () ->
              snapshot(list).stream()
                  .anyMatch(e -> "ok".equals(e.getMDCPropertyMap().get(DiagnosisFields.STATUS))));
      fx.stop();
      assertThat(fx.problems()).isEmpty();
      ILoggingEvent first = list.list.get(0);
      assertThat(first.getFormattedMessage()).isEqualTo("amount rejected");
      assertThat(first.getMDCPropertyMap().get(DiagnosisFields.STATUS)).isIn("ok", "pending");
      assertThat(first.getMDCPropertyMap())
          .containsKeys(DiagnosisFields.FINGERPRINT, DiagnosisFields.MODEL);
    }
  }

  @Test
  void everySettingIsReadFromXml() throws Exception {
    try (LogbackFixture fx = configure("logback-settings.xml")) {
      assertThat(fx.problems()).isEmpty();
      DiagnosingAppender dx = fx.appender("DX");
      assertThat(dx.getQueueSize()).isEqualTo(256);
      assertThat(dx.getWorkerThreads()).isEqualTo(3);
      assertThat(dx.getTimeBudget().getMilliseconds()).isEqualTo(250);
      assertThat(dx.getMaxBlock().getMilliseconds()).isEqualTo(20);
      assertThat(dx.getDrainTimeout().getMilliseconds()).isEqualTo(2_000);
      assertThat(dx.getOccurrenceWindow().getMilliseconds()).isEqualTo(300_000);
      assertThat(dx.getAppPackages()).isEqualTo("com.acme,com.bank,kr.example.pay");
      assertThat(dx.getLocale()).isEqualTo("ko");
      assertThat(dx.getCacheSize()).isEqualTo(500);
      assertThat(dx.getModel()).isEqualTo("rules");
      assertThat(dx.getOverflowPolicy()).isEqualTo("BLOCK");
      assertThat(dx.isDiagnoseWarn()).isTrue();
      assertThat(dx.getIncludes()).isEqualTo("java.lang.RuntimeException");
      assertThat(dx.getExcludes())
          .isEqualTo(
              "java.lang.IllegalArgumentException,java.util.NoSuchElementException,java.lang.UnsupportedOperationException");
      assertThat(dx.isFollowUps()).isFalse();
      assertThat(dx.isIncludeCallerData()).isTrue();
      assertThat(dx.getAttachTo()).isEqualTo("both");
      assertThat(dx.getOverflowWarnEvery()).isEqualTo(50);
      assertThat(dx.getMaxFieldLength()).isEqualTo(512);

      Logger log = fx.logger("com.acme.Payments");
      log.warn("warn is diagnosed now", new IllegalStateException("ledger not ready"));
      log.error(
          "excluded: NumberFormatException is an IllegalArgumentException",
          Failures.numberFormat("abc"));
      log.error("not included: an Error", new AssertionError("invariant"));
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      fx.stop();
      List<ILoggingEvent> out = list.list;
      assertThat(out).hasSize(3);
      assertThat(out.get(0).getMDCPropertyMap())
          .containsEntry(DiagnosisFields.STATUS, "ok")
          .containsEntry(DiagnosisFields.CATEGORY, "illegal_state")
          .containsEntry(DiagnosisFields.LOCALE, "ko");
      assertThat(out.get(0).getKeyValuePairs())
          .anySatisfy(
              kv -> {
                assertThat(kv.key).isEqualTo(DiagnosisFields.CATEGORY);
                assertThat(kv.value).isEqualTo("illegal_state");
              });
      assertThat(out.get(0).hasCallerData()).isTrue();
      assertThat(out.get(0).getCallerData()[0].getClassName())
          .isEqualTo(DiagnosingAppenderTest.class.getName());
      assertThat(out.get(1).getMDCPropertyMap()).containsEntry(DiagnosisFields.STATUS, "skipped");
      assertThat(out.get(2).getMDCPropertyMap()).containsEntry(DiagnosisFields.STATUS, "skipped");
    }
  }

  static List<ILoggingEvent> snapshot(ListAppender<ILoggingEvent> list) {
    synchronized (list) {
      return new ArrayList<>(list.list);
    }
  }
}
