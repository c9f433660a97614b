package io.logdx.logback;

import static io.logdx.logback.LogbackFixture.configure;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logdx.core.DiagnosisFields;
import io.logdx.logback.app.PaymentService;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Logging that happens while an event is being handled must never loop back into the appender. */
class RecursionTest {

  @Test
  void argumentWhoseToStringLogsPassesItsEventStraightThrough() throws Exception {
    try (LogbackFixture fx = configure("logback-list.xml")) {
      Logger log = fx.logger("com.acme.Payments");
      Object noisy = new Object() {
        @Override
        public String toString() {
          log.error("logged from toString()", new IllegalStateException("nested"));
          return "order-42";
        }
      };
      log.error("could not settle {}", noisy, PaymentService.numberFormat("abc"));
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      fx.stop();
      assertThat(fx.problems()).isEmpty();
      List<ILoggingEvent> out = list.list;
      // the nested event is handed on at once on the logging thread (it is logged while the outer one is
      // being prepared), undiagnosed; the outer one is diagnosed as usual
      assertThat(out).extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly("logged from toString()", "could not settle order-42");
      assertThat(out.get(0).getMDCPropertyMap()).doesNotContainKey(DiagnosisFields.STATUS);
      assertThat(out.get(1).getMDCPropertyMap()).containsEntry(DiagnosisFields.CATEGORY, "number_format");
    }
  }

  /** An exception whose getMessage() logs: the engine reads it on the dispatcher, a logdx thread. */
  static final class ChattyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Logger log;

    ChattyException(Logger log) {
      super("chatty");
      this.log = log;
    }

    @Override
    public String getMessage() {
      log.error("logged from getMessage()", new IllegalStateException("inner"));
      return "the ledger is not ready";
    }
  }

  @Test
  void exceptionWhoseGetMessageLogsDoesNotLoop() throws Exception {
    try (LogbackFixture fx = configure("logback-list.xml")) {
      Logger log = fx.logger("com.acme.Payments");
      log.error("posting failed", new ChattyException(log));
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      DiagnosingAppender dx = fx.appender("DX");
      fx.stop();
      assertThat(fx.problems()).isEmpty();
      List<ILoggingEvent> out = list.list;
      ILoggingEvent outer = out.stream().filter(e -> e.getFormattedMessage().equals("posting failed")).findFirst().orElseThrow();
      assertThat(outer.getMDCPropertyMap()).containsEntry(DiagnosisFields.STATUS, "ok")
          .containsEntry(DiagnosisFields.ROOT_CAUSE_TYPE, ChattyException.class.getName());
      List<ILoggingEvent> nested = out.stream().filter(e -> e.getFormattedMessage().equals("logged from getMessage()")).toList();
      // once when Logback built the event on the logging thread, and from the dispatcher while it parsed
      assertThat(nested).isNotEmpty().hasSizeLessThan(10);
      assertThat(nested).filteredOn(e -> e.getThreadName().startsWith("logdx-")).isNotEmpty()
          .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).doesNotContainKey(DiagnosisFields.STATUS));
      // only the events logged on the application's thread went through the queue
      long fromApp = out.stream().filter(e -> !e.getThreadName().startsWith("logdx-")).count();
      assertThat(dx.getStats().getDelivered()).isEqualTo(fromApp);
      // received = delivered + passed through (+ overflowed + queued, none here): see DiagnosingAppenderMXBean
      assertThat(dx.getStats().getReceived()).isEqualTo(fromApp + dx.getStats().getPassedThrough());
    }
  }

  @Test
  void modelThatLogsOnTheEnginesWorkerDoesNotLoop() throws Exception {
    try (LogbackFixture fx = configure("logback-logging-model.xml")) {
      Logger log = fx.logger("com.acme.Payments");
      log.error("amount rejected", PaymentService.numberFormat("abc"));
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      DiagnosingAppender dx = fx.appender("DX");
      fx.stop();
      assertThat(fx.problems()).isEmpty();
      List<ILoggingEvent> out = list.list;
      assertThat(out).extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly("warning from inside the model", "amount rejected");
      assertThat(out.get(0).getThreadName()).startsWith("logdx-worker-");
      assertThat(out.get(0).getMDCPropertyMap()).doesNotContainKey(DiagnosisFields.STATUS);
      assertThat(out.get(1).getMDCPropertyMap()).containsEntry(DiagnosisFields.CATEGORY, "number_format");
      assertThat(dx.getStats().getDelivered()).isEqualTo(1);
      assertThat(dx.getStats().getPassedThrough()).isEqualTo(1);
      assertThat(dx.getStats().getReceived()).isEqualTo(2);
    }
  }
}
