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

/** Several threads log thousands of events at once; each thread's events must come out in its own order. */
class OrderingTest {
  static final int THREADS = 4;
  static final int PER_THREAD = 2_500;

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
      case 0: return "number_format";
      case 1: return "arithmetic";
      default: return "index_out_of_bounds";
    }
  }

  @Test
  void eachThreadsEventsKeepTheirOrderAndGetTheirOwnDiagnosis() throws Exception {
    try (LogFixture f = LogFixture.start("dx-order.xml")) {
      Logger log = f.logger("com.acme.Orders");
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        threads.add(new Thread(() -> {
          for (int i = 0; i < PER_THREAD; i++) {
            if (i % 4 == 0) {
              log.error("event {}", i, failure(i / 4));
            } else {
              log.info("event {}", i);
            }
          }
        }, "writer-" + t));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) t.join();
      DiagnosingAppenderMXBean before = f.appender("dx").stats();
      f.stop();

      assertThat(before.getOverflowed()).as("BLOCK never passes events through").isZero();
      List<JsonNode> lines = f.json("app.json");
      assertThat(lines).hasSize(THREADS * PER_THREAD);
      Map<String, Integer> next = new HashMap<>();
      for (JsonNode n : lines) {
        String thread = n.get("process.thread.name").asText();
        int i = Integer.parseInt(n.get("message").asText().substring("event ".length()));
        int expected = next.getOrDefault(thread, 0);
        assertThat(i).as("next event of %s", thread).isEqualTo(expected);
        next.put(thread, expected + 1);
        if (i % 4 == 0) {
          JsonNode d = n.get("diagnosis");
          assertThat(d.get("status").asText()).isEqualTo("ok");
          assertThat(d.get("category").asText()).as("event %d of %s", i, thread).isEqualTo(expectedCategory(i / 4));
        } else {
          assertThat(n.has("diagnosis")).isFalse();
        }
      }
      assertThat(next).hasSize(THREADS).allSatisfy((t, count) -> assertThat(count).isEqualTo(PER_THREAD));
    }
  }
}
