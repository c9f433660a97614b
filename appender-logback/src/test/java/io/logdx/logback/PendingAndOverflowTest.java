package io.logdx.logback;

import static io.logdx.logback.DiagnosingAppenderTest.snapshot;
import static io.logdx.logback.LogbackFixture.configure;
import static io.logdx.logback.LogbackFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logdx.core.DiagnosisFields;
import io.logdx.core.pipeline.DiagnosingAppenderMXBean;
import io.logdx.logback.app.PaymentService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The slow paths: a diagnosis that misses its budget, a full queue, and stop() with a full queue. */
class PendingAndOverflowTest {

  @BeforeEach
  void closeGates() {
    GatedClassifier.closeGate();
    GateAppender.closeGate();
  }

  @AfterEach
  void openGates() {
    GatedClassifier.openGate();
    GateAppender.openGate();
  }

  @Test
  void slowDiagnosisGoesOnPendingAndFollowsUpWithTheSameEventId() throws Exception {
    try (LogbackFixture fx = configure("logback-slow.xml")) {
      Logger log = fx.logger("com.acme.Payments");
      log.error("amount rejected", PaymentService.numberFormat("abc"));
      log.info("next line");
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      // both go on although the model has not answered: the error as pending, the next line after it
      waitFor("two events", () -> snapshot(list).size() == 2);
      List<ILoggingEvent> out = snapshot(list);
      assertThat(out).extracting(ILoggingEvent::getFormattedMessage).containsExactly("amount rejected", "next line");
      Map<String, String> pending = out.get(0).getMDCPropertyMap();
      assertThat(pending).containsEntry(DiagnosisFields.STATUS, "pending")
          .containsEntry(DiagnosisFields.ROOT_CAUSE_TYPE, "java.lang.NumberFormatException")
          .containsEntry(DiagnosisFields.OCCURRENCES, "1")
          .containsKeys(DiagnosisFields.FINGERPRINT, DiagnosisFields.EVENT_ID)
          .doesNotContainKeys(DiagnosisFields.CATEGORY, DiagnosisFields.SUMMARY);
      assertThat(out.get(1).getMDCPropertyMap()).doesNotContainKey(DiagnosisFields.STATUS);

      GatedClassifier.openGate();
      waitFor("the follow-up", () -> snapshot(list).size() == 3);
      ILoggingEvent followUp = snapshot(list).get(2);
      assertThat(followUp.getFormattedMessage()).startsWith("logdx diagnosis of event "
          + pending.get(DiagnosisFields.EVENT_ID) + ": type=number_format; cause=");
      assertThat(followUp.getMarkerList()).extracting(m -> m.getName()).containsExactly("LOGDX_FOLLOW_UP");
      assertThat(followUp.getLoggerName()).isEqualTo("com.acme.Payments");
      assertThat(followUp.getLevel()).isEqualTo(out.get(0).getLevel());
      assertThat(followUp.getThreadName()).isEqualTo(out.get(0).getThreadName());
      assertThat(followUp.getThrowableProxy()).isNull();
      assertThat(followUp.getMDCPropertyMap()).containsEntry(DiagnosisFields.STATUS, "ok")
          .containsEntry(DiagnosisFields.CATEGORY, "number_format")
          .containsEntry(DiagnosisFields.EVENT_ID, pending.get(DiagnosisFields.EVENT_ID))
          .containsEntry(DiagnosisFields.FINGERPRINT, pending.get(DiagnosisFields.FINGERPRINT));
      DiagnosingAppender dx = fx.appender("DX");
      fx.stop();
      assertThat(fx.problems()).isEmpty();
      assertThat(dx.getStats().getPending()).isEqualTo(1);
      assertThat(dx.getStats().getFollowUps()).isEqualTo(1);
    }
  }

  @Test
  void cacheHitsAddNoWaitingAfterTheFirstDiagnosis() throws Exception {
    try (LogbackFixture fx = configure("logback-slow.xml", Map.of("TIME_BUDGET", "30 seconds"))) {
      Logger log = fx.logger("com.acme.Payments");
      log.error("first", PaymentService.numberFormat("abc"));
      waitFor("the model called", () -> GatedClassifier.CALLS.get() == 1);
      GatedClassifier.openGate();
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      waitFor("first delivered", () -> snapshot(list).size() == 1);
      for (int i = 0; i < 100; i++) {
        log.error("again " + i, PaymentService.numberFormat("abc"));
      }
      DiagnosingAppender dx = fx.appender("DX");
      fx.stop();
      assertThat(list.list).hasSize(101).allSatisfy(
          e -> assertThat(e.getMDCPropertyMap()).containsEntry(DiagnosisFields.CATEGORY, "number_format"));
      assertThat(list.list.get(100).getMDCPropertyMap()).containsEntry(DiagnosisFields.OCCURRENCES, "101");
      assertThat(GatedClassifier.CALLS.get()).isEqualTo(1);
      // the 100 repeats are hits; the first is one too when the model answered before the dispatcher looked
      assertThat(dx.getStats().getCacheHits()).isBetween(100L, 101L);
    }
  }

  @Test
  void followUpsCanBeTurnedOff() throws Exception {
    try (LogbackFixture fx = configure("logback-slow.xml", Map.of("FOLLOW_UPS", "false"))) {
      Logger log = fx.logger("com.acme.Payments");
      log.error("amount rejected", PaymentService.numberFormat("abc"));
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      waitFor("the pending event", () -> snapshot(list).size() == 1);
      GatedClassifier.openGate();
      // a second event after the late result: had a follow-up been written, it would come before this one
      waitFor("the diagnosis cached", () -> fx.appender("DX").getStats().getPending() == 1);
      Thread.sleep(50);
      log.info("last");
      fx.stop();
      assertThat(list.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("amount rejected", "last");
      assertThat(list.list.get(0).getMDCPropertyMap()).containsEntry(DiagnosisFields.STATUS, "pending")
          .doesNotContainKey(DiagnosisFields.EVENT_ID);
    }
  }

  @Test
  void fullQueuePassesEventsOnAtOnceWithStatusOverflowAndWarnsOnceEveryN() throws Exception {
    GateAppender gate;
    DiagnosingAppender dx;
    int total = 45;
    try (LogbackFixture fx = configure("logback-gate.xml")) {
      Logger log = fx.logger("com.acme.Payments");
      dx = fx.appender("DX");
      gate = (GateAppender) dx.getAppender("GATE");
      log.info("stalls the dispatcher");
      assertThat(GateAppender.entered.await(10, TimeUnit.SECONDS)).isTrue();
      // the dispatcher is stuck in a slow appender: 4 events fit in the queue, the rest find it full
      for (int i = 0; i < total; i++) {
        log.error("e" + i, PaymentService.numberFormat("abc"));
      }
      log.info("plain line on a full queue");
      DiagnosingAppenderMXBean atFull = dx.getStats();
      assertThat(atFull.getOverflowed()).as("%s", atFull).isEqualTo(total - 4 + 1);
      GateAppender.openGate();
      fx.stop();
      assertThat(fx.problems()).as("%s", fx.problems()).filteredOn(m -> m.startsWith("Queue full")).hasSize(1 + 4)
          .first().asString().startsWith("Queue full (4): 1 events passed on unenriched");
    }
    List<ILoggingEvent> out = gate.snapshot();
    String seen = out.stream().map(e -> e.getFormattedMessage() + "=" + e.getMDCPropertyMap()
        .get(DiagnosisFields.STATUS)).toList().toString();
    // every event accounted for: the first, the overflowing ones on the logging thread, then the queued ones
    assertThat(out).as(seen).hasSize(1 + total + 1);
    assertThat(out.get(0).getFormattedMessage()).isEqualTo("stalls the dispatcher");
    for (int i = 4; i < total; i++) {
      ILoggingEvent e = out.get(1 + i - 4);
      assertThat(e.getFormattedMessage()).as(seen).isEqualTo("e" + i);
      assertThat(e.getMDCPropertyMap()).containsExactly(Map.entry(DiagnosisFields.STATUS, "overflow"));
    }
    ILoggingEvent plain = out.get(1 + total - 4);
    assertThat(plain.getFormattedMessage()).isEqualTo("plain line on a full queue");
    assertThat(plain.getMDCPropertyMap()).doesNotContainKey(DiagnosisFields.STATUS);
    for (int i = 0; i < 4; i++) {
      ILoggingEvent e = out.get(out.size() - 4 + i);
      assertThat(e.getFormattedMessage()).isEqualTo("e" + i);
      assertThat(e.getMDCPropertyMap()).containsEntry(DiagnosisFields.CATEGORY, "number_format");
    }
    DiagnosingAppenderMXBean s = dx.getStats();
    // every received event is delivered or overflowed (see DiagnosingAppenderMXBean)
    assertThat(s.getReceived()).isEqualTo(1 + total + 1);
    assertThat(s.getDelivered() + s.getOverflowed()).isEqualTo(s.getReceived());
  }

  @Test
  void blockPolicyWaitsForRoomThenPassesOn() throws Exception {
    GateAppender gate;
    try (LogbackFixture fx = configure("logback-gate.xml", Map.of("OVERFLOW_POLICY", "BLOCK", "MAX_BLOCK", "5"))) {
      Logger log = fx.logger("com.acme.Payments");
      DiagnosingAppender dx = fx.appender("DX");
      gate = (GateAppender) dx.getAppender("GATE");
      log.info("stalls the dispatcher");
      assertThat(GateAppender.entered.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 10; i++) {
        log.error("e" + i, PaymentService.numberFormat("abc"));
      }
      // each of the 6 that found no room waited up to maxBlock, then went on
      assertThat(dx.getStats().getOverflowed()).isEqualTo(6);
      GateAppender.openGate();
      fx.stop();
    }
    assertThat(gate.snapshot()).hasSize(11);
  }

  @Test
  void stopWithAFullQueueDeliversEveryEventWithinTheDrainTimeout() throws Exception {
    int total = 30;
    // the model never answers while we stop; queue 4 and an in-flight window of 4 are full
    try (LogbackFixture fx = configure("logback-slow.xml", Map.of("TIME_BUDGET", "30 seconds", "QUEUE_SIZE", "4",
        "CACHE_SIZE", "0", "DRAIN_TIMEOUT", "300 milliseconds"))) {
      Logger log = fx.logger("com.acme.Payments");
      DiagnosingAppender dx = fx.appender("DX");
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      for (int i = 0; i < total; i++) {
        log.error("e" + i, PaymentService.numberFormat("abc"));
        Thread.sleep(2);
      }
      // queue 4 plus an in-flight window of 4; fewer when the dispatcher was slow to take them from the queue
      int held = dx.getStats().getQueued();
      assertThat(held).isBetween(4, 8);
      assertThat(snapshot(list)).hasSize(total - held);
      // the drain ends at its timeout, not at the events' 30 s budget: had it waited for the budget, the
      // dispatcher would have been abandoned with events undelivered and a problem reported
      fx.stop();
      assertThat(fx.problems()).noneMatch(m -> m.contains("undelivered") || m.contains("not delivered"));
      assertThat(fx.problems()).filteredOn(m -> m.startsWith("Queue full")).hasSize(1);
      List<ILoggingEvent> out = list.list;
      assertThat(out).hasSize(total);
      assertThat(out).filteredOn(e -> "overflow".equals(e.getMDCPropertyMap().get(DiagnosisFields.STATUS)))
          .hasSize(total - held);
      // the events held at stop went on last, in logging order, as pending (their diagnosis never came)
      List<ILoggingEvent> last = out.subList(total - held, total);
      assertThat(last).allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry(DiagnosisFields.STATUS, "pending"));
      List<Integer> order = last.stream().map(e -> Integer.parseInt(e.getFormattedMessage().substring(1))).toList();
      assertThat(order).isSorted().startsWith(0, 1, 2, 3);
      DiagnosingAppenderMXBean s = dx.getStats();
      assertThat(s.getDelivered()).isEqualTo(held);
      assertThat(s.getPending()).isEqualTo(held);
      assertThat(s.getQueued()).isZero();
    }
  }
}
