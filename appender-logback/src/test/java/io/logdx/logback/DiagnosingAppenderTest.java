package io.logdx.logback;

import static io.logdx.logback.LogbackFixture.configure;
import static io.logdx.logback.LogbackFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.DiagnosisFields;
import io.logdx.core.pipeline.AppenderSettings;
import io.logdx.core.pipeline.DiagnosingAppenderMXBean;
import io.logdx.logback.app.PaymentService;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class DiagnosingAppenderTest {

  @Test
  void enrichesRealExceptionsAndPassesOtherEventsInOrder() throws Exception {
    List<ILoggingEvent> out;
    try (LogbackFixture fx = configure("logback-list.xml")) {
      Logger log = fx.logger("com.acme.Payments");
      log.info("before");
      log.error("amount rejected", PaymentService.numberFormat("abc"));
      log.warn("warn is below the default threshold", PaymentService.numberFormat("x1"));
      log.error("gateway down", PaymentService.connectionRefused());
      log.error("not supported", new UnsupportedOperationException("excluded type"));
      log.info("after");
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      fx.stop();
      assertThat(fx.problems()).isEmpty();
      out = new ArrayList<>(list.list);
    }
    assertThat(out).extracting(ILoggingEvent::getFormattedMessage).containsExactly("before", "amount rejected",
        "warn is below the default threshold", "gateway down", "not supported", "after");
    assertThat(out.get(0).getMDCPropertyMap()).doesNotContainKey(DiagnosisFields.STATUS);
    assertThat(out.get(2).getMDCPropertyMap()).doesNotContainKey(DiagnosisFields.STATUS);

    Map<String, String> nfe = out.get(1).getMDCPropertyMap();
    assertThat(nfe).containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.CATEGORY, "number_format")
        .containsEntry(DiagnosisFields.ROOT_CAUSE_TYPE, "java.lang.NumberFormatException")
        .containsEntry(DiagnosisFields.LOCATION_CLASS, PaymentService.class.getName())
        .containsEntry(DiagnosisFields.LOCATION_METHOD, "parseAmount")
        .containsEntry(DiagnosisFields.LOCALE, "en")
        .containsEntry(DiagnosisFields.OCCURRENCES, "1")
        .containsKeys(DiagnosisFields.FINGERPRINT, DiagnosisFields.SUMMARY, DiagnosisFields.MODEL);

    Map<String, String> refused = out.get(3).getMDCPropertyMap();
    assertThat(refused).containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.CATEGORY, "connection_refused")
        .containsEntry(DiagnosisFields.ROOT_CAUSE_TYPE, "java.net.ConnectException");
    // the event is the original one, seen with more fields: throwable and time untouched
    assertThat(out.get(3).getThrowableProxy().getClassName()).isEqualTo("java.net.ConnectException");

    assertThat(out.get(4).getMDCPropertyMap()).containsExactly(Map.entry(DiagnosisFields.STATUS, "skipped"));
  }

  @Test
  void worksWithoutAnySetting() throws Exception {
    try (LogbackFixture fx = configure("logback-defaults.xml")) {
      DiagnosingAppender dx = fx.appender("DX");
      assertThat(dx.getQueueSize()).isEqualTo(AppenderSettings.DEFAULT_QUEUE_SIZE);
      assertThat(dx.getTimeBudget().getMilliseconds()).isEqualTo(AppenderSettings.DEFAULT_EVENT_TIME_BUDGET_MILLIS);
      assertThat(dx.getModel()).isEqualTo(Diagnoser.Builder.DEFAULT_MODEL);
      assertThat(dx.getMaxFieldLength()).isEqualTo(AppenderSettings.DEFAULT_MAX_FIELD_LENGTH);
      assertThat(dx.isJmx()).isTrue();
      assertThat(dx.getOverflowPolicy()).isEqualTo(DiagnosingAppender.DEFAULT_OVERFLOW_POLICY);
      assertThat(dx.getAttachTo()).isEqualTo(DiagnosingAppender.DEFAULT_ATTACH_TO);
      Logger log = fx.logger("com.acme.Payments");
      log.error("amount rejected", PaymentService.numberFormat("abc"));
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      // the default budget is short: on a cold or busy machine the first diagnosis may come as a follow-up
      waitFor("a complete diagnosis", () -> snapshot(list).stream()
          .anyMatch(e -> "ok".equals(e.getMDCPropertyMap().get(DiagnosisFields.STATUS))));
      fx.stop();
      assertThat(fx.problems()).isEmpty();
      ILoggingEvent first = list.list.get(0);
      assertThat(first.getFormattedMessage()).isEqualTo("amount rejected");
      assertThat(first.getMDCPropertyMap().get(DiagnosisFields.STATUS)).isIn("ok", "pending");
      assertThat(first.getMDCPropertyMap()).containsKeys(DiagnosisFields.FINGERPRINT, DiagnosisFields.MODEL);
    }
  }

  @Test
  void modelThatCannotLoadIsReportedAndTheRulesStandIn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    String missing = dir.resolve("no-model-here").toString();
    try (LogbackFixture fx = configure("logback-model.xml", Map.of("MODEL", missing))) {
      assertThat(fx.problems()).anyMatch(m -> m.startsWith("The model at [" + missing + "] could not be loaded (no model found there)"));
      fx.logger("com.acme.Payments").error("amount rejected", PaymentService.numberFormat("abc"));
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      fx.stop();
      assertThat(list.list.get(0).getMDCPropertyMap()).containsEntry(DiagnosisFields.CATEGORY, "number_format")
          .hasEntrySatisfying(DiagnosisFields.MODEL, m -> assertThat(m).startsWith("logdx-rules/"));
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
      assertThat(dx.getExcludes()).isEqualTo(
          "java.lang.IllegalArgumentException,java.util.NoSuchElementException,java.lang.UnsupportedOperationException");
      assertThat(dx.isFollowUps()).isFalse();
      assertThat(dx.isIncludeCallerData()).isTrue();
      assertThat(dx.getAttachTo()).isEqualTo("both");
      assertThat(dx.getOverflowWarnEvery()).isEqualTo(50);
      assertThat(dx.getMaxFieldLength()).isEqualTo(512);

      Logger log = fx.logger("com.acme.Payments");
      log.warn("warn is diagnosed now", new IllegalStateException("ledger not ready"));
      log.error("excluded: NumberFormatException is an IllegalArgumentException", PaymentService.numberFormat("abc"));
      log.error("not included: an Error", new AssertionError("invariant"));
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      fx.stop();
      List<ILoggingEvent> out = list.list;
      assertThat(out).hasSize(3);
      assertThat(out.get(0).getMDCPropertyMap()).containsEntry(DiagnosisFields.STATUS, "ok")
          .containsEntry(DiagnosisFields.CATEGORY, "illegal_state").containsEntry(DiagnosisFields.LOCALE, "ko");
      assertThat(out.get(0).getKeyValuePairs()).anySatisfy(kv -> {
        assertThat(kv.key).isEqualTo(DiagnosisFields.CATEGORY);
        assertThat(kv.value).isEqualTo("illegal_state");
      });
      assertThat(out.get(0).hasCallerData()).isTrue();
      assertThat(out.get(0).getCallerData()[0].getClassName()).isEqualTo(DiagnosingAppenderTest.class.getName());
      assertThat(out.get(1).getMDCPropertyMap()).containsEntry(DiagnosisFields.STATUS, "skipped");
      assertThat(out.get(2).getMDCPropertyMap()).containsEntry(DiagnosisFields.STATUS, "skipped");
    }
  }

  @Test
  void keepsLoggingOrderPerThreadUnderConcurrency() throws Exception {
    int threads = 4;
    int perThread = 2_500;
    List<ILoggingEvent> out;
    DiagnosingAppenderMXBean stats;
    try (LogbackFixture fx = configure("logback-list.xml")) {
      Logger log = fx.logger("com.acme.Payments");
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        ts.add(new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            if (i % 5 == 0) {
              log.error("t{} {}", id, i, PaymentService.numberFormat("n" + (i % 50)));
            } else if (i % 7 == 0) {
              log.error("t{} {}", id, i, new IllegalStateException("ledger " + id + " not ready"));
            } else {
              log.info("t{} {}", id, i);
            }
          }
        }, "producer-" + t));
      }
      ts.forEach(Thread::start);
      for (Thread t : ts) t.join();
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      DiagnosingAppender dx = fx.appender("DX");
      fx.stop();
      assertThat(fx.problems()).isEmpty();
      out = list.list;
      stats = dx.getStats();
    }
    assertThat(out).hasSize(threads * perThread);
    int[] next = new int[threads];
    int errors = 0;
    for (ILoggingEvent e : out) {
      String[] parts = e.getFormattedMessage().split(" ");
      int t = Integer.parseInt(parts[0].substring(1));
      int i = Integer.parseInt(parts[1]);
      assertThat(i).as("order of thread %d", t).isEqualTo(next[t]);
      assertThat(e.getThreadName()).isEqualTo("producer-" + t);
      next[t]++;
      if (e.getThrowableProxy() != null) {
        errors++;
        String expected = i % 5 == 0 ? "number_format" : "illegal_state";
        assertThat(e.getMDCPropertyMap()).containsEntry(DiagnosisFields.STATUS, "ok")
            .containsEntry(DiagnosisFields.CATEGORY, expected);
      } else {
        assertThat(e.getMDCPropertyMap()).doesNotContainKey(DiagnosisFields.STATUS);
      }
    }
    assertThat(stats.getDelivered()).isEqualTo(threads * perThread);
    assertThat(stats.getEnriched()).isEqualTo(errors);
    // few distinct failures: most diagnoses are cache hits (those dispatched while the first of their
    // fingerprint was still computing are not counted as hits)
    assertThat(stats.getCacheHits()).isGreaterThan(errors / 2L);
    assertThat(stats.getOverflowed()).isZero();
  }

  @Test
  void cardNumberInTheMessageNeverReachesTheDiagnosisFields() throws Exception {
    String card = "4111 1111 1111 1111"; // the well-known synthetic test number (Luhn-valid)
    try (LogbackFixture fx = configure("logback-list.xml")) {
      fx.logger("com.acme.Payments").error("charge failed", PaymentService.cardDeclined(card));
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      fx.stop();
      Map<String, String> mdc = list.list.get(0).getMDCPropertyMap();
      assertThat(mdc).containsEntry(DiagnosisFields.STATUS, "ok");
      assertThat(mdc.get(DiagnosisFields.ROOT_CAUSE_MESSAGE)).contains("<card>");
      mdc.forEach((k, v) -> {
        if (k.startsWith(DiagnosisFields.NAMESPACE + ".")) {
          assertThat(v.replaceAll("[ -]", "")).as(k).doesNotContain("4111111111111111").doesNotContain("11111111");
        }
      });
    }
  }

  @Test
  void failingModelLetsEventsThroughWithStatusError() throws Exception {
    try (LogbackFixture fx = configure("logback-failing.xml")) {
      Logger log = fx.logger("com.acme.Payments");
      log.error("amount rejected", PaymentService.numberFormat("abc"));
      log.info("after");
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      DiagnosingAppender dx = fx.appender("DX");
      fx.stop();
      assertThat(list.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("amount rejected", "after");
      assertThat(list.list.get(0).getMDCPropertyMap()).containsEntry(DiagnosisFields.STATUS, "error")
          .containsEntry(DiagnosisFields.CATEGORY, "unknown")
          .containsEntry(DiagnosisFields.MODEL, "failing/1")
          .containsEntry(DiagnosisFields.ROOT_CAUSE_TYPE, "java.lang.NumberFormatException")
          .containsKey(DiagnosisFields.FINGERPRINT);
      assertThat(dx.getStats().getFailed()).isEqualTo(1);
      assertThat(dx.getStats().getEnriched()).isZero();
    }
  }

  @Test
  void countersAreAnMBeanWhileStartedAndAStatusMessageOnStop() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("io.logdx:type=DiagnosingAppender,name=DX");
    try (LogbackFixture fx = configure("logback-list.xml")) {
      assertThat(server.isRegistered(name)).isTrue();
      Logger log = fx.logger("com.acme.Payments");
      log.error("one", PaymentService.numberFormat("abc"));
      // once the first is diagnosed, the same failure is a cache hit (an in-flight one would not count)
      waitFor("one delivered", () -> (Long) attr(server, name, "Delivered") == 1L);
      log.error("two", PaymentService.numberFormat("abc"));
      log.info("three");
      waitFor("three delivered", () -> (Long) attr(server, name, "Delivered") == 3L);
      assertThat(attr(server, name, "Received")).isEqualTo(3L);
      assertThat(attr(server, name, "Enriched")).isEqualTo(2L);
      assertThat(attr(server, name, "CacheHits")).isEqualTo(1L);
      assertThat(attr(server, name, "Overflowed")).isEqualTo(0L);
      assertThat(attr(server, name, "QueueCapacity")).isEqualTo(100_000);
      assertThat(attr(server, name, "Refused")).isEqualTo(0L);
      assertThat(attr(server, name, "PassedThrough")).isEqualTo(0L);
      assertThat((String) attr(server, name, "Model")).startsWith("logdx-rules/");
      fx.stop();
      assertThat(server.isRegistered(name)).isFalse();
      assertThat(fx.statusMessages()).anyMatch(m -> m.startsWith("Stopped: received=3 delivered=3 enriched=2 cacheHits=1"));
    }
  }

  private static Object attr(MBeanServer server, ObjectName name, String attribute) {
    try {
      return server.getAttribute(name, attribute);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static List<ILoggingEvent> snapshot(ListAppender<ILoggingEvent> list) {
    synchronized (list) {
      return new ArrayList<>(list.list);
    }
  }
}
