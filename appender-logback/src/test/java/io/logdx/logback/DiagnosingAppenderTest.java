package io.logdx.logback;

import static io.logdx.logback.LogbackFixture.configure;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logdx.core.DiagnosisFields;
import io.logdx.logback.app.PaymentService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      log.info("after");
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      fx.close();
      assertThat(fx.problems()).isEmpty();
      out = new ArrayList<>(list.list);
    }
    assertThat(out).extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("before", "amount rejected", "warn is below the default threshold", "gateway down", "after");
    assertThat(out.get(0).getMDCPropertyMap()).doesNotContainKey(DiagnosisFields.STATUS);
    assertThat(out.get(2).getMDCPropertyMap()).doesNotContainKey(DiagnosisFields.STATUS);

    Map<String, String> nfe = out.get(1).getMDCPropertyMap();
    assertThat(nfe).containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.CATEGORY, "number_format")
        .containsEntry(DiagnosisFields.ROOT_CAUSE_TYPE, "java.lang.NumberFormatException")
        .containsEntry(DiagnosisFields.LOCATION_CLASS, PaymentService.class.getName())
        .containsEntry(DiagnosisFields.LOCATION_METHOD, "parseAmount")
        .containsEntry(DiagnosisFields.OCCURRENCES, "1")
        .containsKeys(DiagnosisFields.FINGERPRINT, DiagnosisFields.SUMMARY, DiagnosisFields.MODEL);

    Map<String, String> refused = out.get(3).getMDCPropertyMap();
    assertThat(refused).containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.CATEGORY, "connection_refused")
        .containsEntry(DiagnosisFields.ROOT_CAUSE_TYPE, "java.net.ConnectException");
    // the event is the original one, seen with more fields: message, throwable and time untouched
    assertThat(out.get(3).getThrowableProxy().getClassName()).isEqualTo("java.net.ConnectException");
  }
}
