package io.logdx.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdx.core.pipeline.DiagnosingAppenderMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.core.Logger;
import org.junit.jupiter.api.Test;

/** Log4j2's async loggers (LMAX disruptor) in front of the appender: fields, order per thread, clean stop. */
class AsyncLoggersTest {
  static final int THREADS = 3;
  static final int PER_THREAD = 600;

  /** Real failures from real code, a few kinds so that several fingerprints are in flight at once. */
  static Exception failure(int i) {
    try {
      switch (i % 3) {
        case 0:
          return new IllegalStateException("only for the type " + Integer.parseInt("x" + (i % 5)));
        case 1:
          return new IllegalStateException("division " + (i / (i % 3 - 1)));
        default:
          return new IllegalStateException("index " + List.of().get(i % 4));
      }
    } catch (RuntimeException e) {
      return e;
    }
  }

  static String expectedCategory(int i) {
    switch (i % 3) {
      case 0:
        return "number_format";
      case 1:
        return "arithmetic";
      default:
        return "index_out_of_bounds";
    }
  }

  @Test
  void mixedAsyncLoggerConfig() throws Exception {
    try (LogFixture f = LogFixture.start("dx-async-mixed.xml")) {
      assertThat(f.ctx.getConfiguration().getLoggerConfig("com.acme").getClass().getSimpleName())
          .isEqualTo("AsyncLoggerConfig");
      logAndCheck(f, true);
    }
  }

  @Test
  void allAsyncLoggerContext() throws Exception {
    try (LogFixture f = LogFixture.start("dx-order.xml", true)) {
      assertThat(f.logger("com.acme.Async").getClass().getSimpleName()).isEqualTo("AsyncLogger");
      logAndCheck(f, true);
    }
  }

  /**
   * Shutdown right after logging, while the async logger's ring buffer still holds events: Log4j empties it after
   * the appender's drain began; those events come after the drained ones, in order, marked skipped.
   */
  @Test
  void shutdownWhileTheRingBufferIsFull() throws Exception {
    try (LogFixture f = LogFixture.start("dx-async-mixed.xml")) {
      logAndCheck(f, false);
    }
  }

  private static void logAndCheck(LogFixture f, boolean waitForDelivery) throws Exception {
    Logger log = f.logger("com.acme.Async");
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < PER_THREAD; i++) {
                  if (i % 3 == 0) {
                    log.error("a{}", i, failure(i));
                  } else {
                    log.info("a{}", i);
                  }
                }
              },
              "async-writer-" + t));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) t.join();
    DiagnosingAppender dx = f.appender("dx");
    if (waitForDelivery) {
      LogFixture.waitFor("all delivered", () -> dx.stats().getDelivered() == THREADS * PER_THREAD);
    }
    f.stop();
    DiagnosingAppenderMXBean s = dx.stats();
    if (waitForDelivery) assertThat(s.getOverflowed()).isZero();
    // an event that raced with the start of the drain is counted by the pipeline as overflowed
    assertThat(s.getDelivered() + s.getOverflowed() + dx.stats().getPassedThrough())
        .isEqualTo(THREADS * PER_THREAD);

    List<JsonNode> lines = f.json("app.json");
    assertThat(lines).hasSize(THREADS * PER_THREAD);
    Map<String, Integer> next = new HashMap<>();
    for (JsonNode n : lines) {
      String thread = n.get("process.thread.name").asText();
      assertThat(thread).startsWith("async-writer-");
      int i = Integer.parseInt(n.get("message").asText().substring(1));
      assertThat(i).as("order of %s", thread).isEqualTo(next.getOrDefault(thread, 0));
      next.put(thread, i + 1);
      if (i % 3 == 0
          && !waitForDelivery
          && n.get("diagnosis").get("status").asText().equals("skipped")) {
        continue; // reached the appender after its drain
      }
      if (i % 3 == 0) {
        assertThat(n.get("diagnosis").get("status").asText()).isEqualTo("ok");
        assertThat(n.get("diagnosis").get("category").asText()).isEqualTo(expectedCategory(i));
      } else {
        assertThat(n.has("diagnosis")).isFalse();
      }
    }
  }
}
