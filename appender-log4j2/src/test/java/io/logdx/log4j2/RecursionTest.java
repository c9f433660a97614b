package io.logdx.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.core.Logger;
import org.junit.jupiter.api.Test;

/** Throwables whose {@code getMessage()} logs, or throws: no loop, no exception into the caller, no lost event. */
class RecursionTest {

  /** An exception whose message is computed by code that logs through the same logger (a real pattern in the wild). */
  static final class ChattyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Logger log;
    final AtomicInteger calls = new AtomicInteger();

    ChattyException(Logger log) {
      super("chatty");
      this.log = log;
    }

    @Override
    public String getMessage() {
      // bounded, so that a broken recursion guard fails the test instead of overflowing the stack
      if (calls.incrementAndGet() < 50) {
        log.error("computing a message", new IllegalStateException("inner " + calls.get()));
      }
      return "balance lookup failed";
    }
  }

  static final class ThrowingMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new UnsupportedOperationException("no message for you");
    }
  }

  @Test
  void loggingFromGetMessageDoesNotLoopBack() throws Exception {
    try (LogFixture f = LogFixture.start("dx-json.xml")) {
      Logger log = f.logger("com.acme.Balances");
      ChattyException chatty = new ChattyException(log);
      assertThatCode(() -> log.error("outer", chatty)).doesNotThrowAnyException();
      log.info("after");
      DiagnosingAppender dx = f.appender("dx");
      // before the context stops: once it does, Log4j drops what is logged to it (the inner events included)
      LogFixture.waitFor("both delivered", () -> dx.stats().getDelivered() == 2);
      f.stop();

      assertThat(dx.stats().getDelivered()).as("only the events logged by the application are queued").isEqualTo(2);
      // received = delivered + passed through (+ overflowed + queued, none here): see DiagnosingAppenderMXBean
      assertThat(dx.stats().getReceived()).isEqualTo(2 + dx.stats().getPassedThrough());
      assertThat(dx.stats().getPassedThrough()).as("events logged from logdx's threads went straight through").isPositive();
      assertThat(chatty.calls.get()).isLessThan(50);

      List<JsonNode> lines = f.json("app.json");
      JsonNode outer = lines.stream().filter(n -> n.get("message").asText().equals("outer")).findFirst().orElseThrow();
      assertThat(outer.get("diagnosis").get("status").asText()).isEqualTo("ok");
      assertThat(outer.get("diagnosis").get("root_cause").get("message").asText()).isEqualTo("balance lookup failed");
      assertThat(lines).filteredOn(n -> n.get("message").asText().equals("computing a message")).isNotEmpty()
          .allSatisfy(n -> assertThat(n.has("diagnosis")).as("never diagnosed").isFalse());
      assertThat(lines.get(lines.size() - 1).get("message").asText()).isEqualTo("after");
    }
  }

  @Test
  void aParameterWhoseToStringLogsOnTheLoggingThread() throws Exception {
    try (LogFixture f = LogFixture.start("dx-json.xml")) {
      Logger log = f.logger("com.acme.Balances");
      AtomicInteger calls = new AtomicInteger();
      Object chatty = new Object() {
        @Override
        public String toString() {
          if (calls.incrementAndGet() < 50) log.error("from toString", new IllegalStateException("inner"));
          return "account-7";
        }
      };
      assertThatCode(() -> log.error("lookup of {} failed", chatty, new IllegalStateException("account store is closed")))
          .doesNotThrowAnyException();
      DiagnosingAppender dx = f.appender("dx");
      f.stop();
      // Log4j formats the message once, on the logging thread, before any appender sees the event: the inner
      // event is an ordinary event that is logged first, and both are diagnosed
      assertThat(calls.get()).isEqualTo(1);
      assertThat(dx.stats().getDelivered()).isEqualTo(2);
      List<JsonNode> lines = f.json("app.json");
      assertThat(lines).extracting(n -> n.get("message").asText())
          .containsExactly("from toString", "lookup of account-7 failed");
      assertThat(lines.get(1).get("diagnosis").get("category").asText()).isEqualTo("resource_closed");
    }
  }

  @Test
  void aThrowingGetMessageStillGivesAnEvent() throws Exception {
    try (LogFixture f = LogFixture.start("dx-json.xml")) {
      Logger log = f.logger("com.acme.Balances");
      assertThatCode(() -> log.error("odd failure", new ThrowingMessageException())).doesNotThrowAnyException();
      DiagnosingAppender dx = f.appender("dx");
      f.stop();
      assertThat(dx.stats().getDelivered()).isEqualTo(1);
      // JsonTemplateLayout itself cannot render such an exception (Log4j reports it and writes nothing, with or
      // without logdx); the pattern layout, which does not print the exception here, shows the diagnosis
      List<String> plain = f.lines("app.log");
      assertThat(plain).hasSize(1);
      assertThat(plain.get(0)).startsWith("ERROR [main] com.acme.Balances - odd failure | type=")
          .doesNotContain("| cat= |");
    }
  }
}
