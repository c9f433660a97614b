package io.logdx.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.apache.logging.log4j.core.Logger;
import org.junit.jupiter.api.Test;

/**
 * A throwable whose {@code getMessage()} throws: no exception into the caller, no lost event. Framework-specific:
 * JsonTemplateLayout cannot render such an event at all (Log4j reports it and writes nothing, with or without logdx),
 * so the contract's JSON file cannot show it; here the pattern layout does. Throwables whose {@code getMessage()}
 * logs are the contract's (RecursionContract).
 */
class ThrowingMessageTest {

  static final class ThrowingMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new UnsupportedOperationException("no message for you");
    }
  }

  @Test
  void aThrowingGetMessageStillGivesAnEvent() throws Exception {
    try (LogFixture f = LogFixture.start("dx-json.xml")) {
      Logger log = f.logger("com.acme.Balances");
      assertThatCode(() -> log.error("odd failure", new ThrowingMessageException()))
          .doesNotThrowAnyException();
      DiagnosingAppender dx = f.appender("dx");
      f.stop();
      // JsonTemplateLayout itself cannot render such an exception (Log4j reports it to the
      // appender's error handler and writes nothing, with or without logdx): logdx sees that and
      // counts a failed hand-on, not a delivery; the pattern layout, which does not print the
      // exception here, still wrote the event and shows the diagnosis
      assertThat(dx.stats().getDelivered()).isZero();
      assertThat(dx.stats().getFailedHandOns()).isEqualTo(1);
      List<String> plain = f.lines("app.log");
      assertThat(plain).hasSize(1);
      assertThat(plain.get(0))
          .startsWith("ERROR [main] com.acme.Balances - odd failure | type=")
          .doesNotContain("| cat= |");
    }
  }
}
