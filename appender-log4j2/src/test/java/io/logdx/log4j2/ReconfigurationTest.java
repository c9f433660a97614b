package io.logdx.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logdx.contract.app.Failures;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.logging.log4j.core.Logger;
import org.junit.jupiter.api.Test;

/** Reconfiguring while the application logs: no event lost, no logdx thread left behind, still diagnosing. */
class ReconfigurationTest {

  @Test
  void reconfigureWhileLoggingLosesNothingAndLeaksNoThreads() throws Exception {
    List<String> threadsBefore = LogFixture.logdxThreads();
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName on = new ObjectName("io.logdx:type=DiagnosingAppender,name=dx");
    int total = 3_000;
    try (LogFixture f = LogFixture.start("dx-json.xml")) {
      Logger log = f.logger("com.acme.Accounts");
      AtomicBoolean failed = new AtomicBoolean();
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < total; i++) {
                    if (i % 10 == 0) {
                      try {
                        Failures.parseAmount("n" + i);
                      } catch (NumberFormatException e) {
                        log.error("r{}", i, e);
                      }
                    } else {
                      log.info("r{}", i);
                    }
                    if (i % 100 == 0) Thread.sleep(1);
                  }
                } catch (InterruptedException | RuntimeException e) {
                  failed.set(true);
                }
              },
              "writer");
      writer.start();
      DiagnosingAppender first = f.appender("dx");
      for (int k = 0; k < 3; k++) {
        Thread.sleep(30);
        f.ctx.reconfigure();
        assertThat(server.isRegistered(on))
            .as("the new appender's counters are registered")
            .isTrue();
      }
      writer.join();
      assertThat(failed).isFalse();
      DiagnosingAppender last = f.appender("dx");
      assertThat(last).isNotSameAs(first);
      assertThat(first.isStopped()).isTrue();
      assertThat(first.stats().getQueued()).isZero();
      assertThat(server.getAttribute(on, "Received")).isEqualTo(last.stats().getReceived());

      // still diagnosing after the reconfigurations
      try {
        Failures.parseAmount("after");
      } catch (NumberFormatException e) {
        log.error("after reconfiguration", e);
      }
      f.stop();
      assertThat(server.isRegistered(on)).isFalse();

      List<JsonNode> lines = f.json("app.json");
      Set<String> messages = new TreeSet<>();
      for (JsonNode n : lines) {
        assertThat(messages.add(n.get("message").asText()))
            .as("written once: %s", n.get("message"))
            .isTrue();
        int i =
            n.get("message").asText().startsWith("r")
                ? Integer.parseInt(n.get("message").asText().substring(1))
                : -1;
        if (i >= 0 && i % 10 == 0) {
          // diagnosed, or passed on while a configuration was being replaced
          assertThat(n.has("diagnosis") || n.get("error.type") != null).isTrue();
        }
      }
      assertThat(lines).hasSize(total + 1);
      JsonNode after = lines.get(lines.size() - 1);
      assertThat(after.get("message").asText()).isEqualTo("after reconfiguration");
      assertThat(after.get("diagnosis").get("category").asText()).isEqualTo("number_format");
    }
    LogFixture.waitFor("logdx threads end", () -> LogFixture.logdxThreads().equals(threadsBefore));
  }
}
