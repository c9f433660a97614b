package io.logdx.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A full queue while logging and at shutdown: nothing blocks beyond the policy and every event is accounted for. */
class OverflowAndStopTest {

  @AfterEach
  void resetSeam() {
    DiagnosingAppender.diagnoserFactory = null;
  }

  @Test
  void fullQueuePassesEventsOnMarkedOverflowAndCountsThem() throws Exception {
    TestClassifiers.Gated slow = new TestClassifiers.Gated();
    DiagnosingAppender.diagnoserFactory = b -> b.classifier(slow).build();
    int total = 50;
    try (LogFixture f = LogFixture.start("dx-overflow.xml")) {
      Logger log = f.logger("com.acme.Cards");
      for (int i = 0; i < total; i++) {
        log.error("e{}", i, new IllegalStateException("card service closed"));
      }
      // the overflowing events were written on the logging thread, before logging returned
      List<JsonNode> early = f.json("app.json");
      assertThat(early).isNotEmpty()
          .allSatisfy(n -> assertThat(n.get("diagnosis").get("status").asText()).isEqualTo("overflow"));

      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName on = new ObjectName("io.logdx:type=DiagnosingAppender,name=dx");
      long overflowed = (Long) server.getAttribute(on, "Overflowed");
      long received = (Long) server.getAttribute(on, "Received");
      assertThat(overflowed).isEqualTo(early.size());
      // every received event is delivered, overflowed or still queued (see DiagnosingAppenderMXBean)
      assertThat(received).isEqualTo(total);
      assertThat((Integer) server.getAttribute(on, "QueueCapacity")).isEqualTo(4);

      slow.open();
      f.stop();
      assertThat(server.isRegistered(on)).isFalse();

      List<JsonNode> lines = f.json("app.json");
      List<String> messages = lines.stream().map(n -> n.get("message").asText()).collect(Collectors.toList());
      assertThat(messages).hasSize(total).doesNotHaveDuplicates();
      List<String> queued = lines.stream().filter(n -> !"overflow".equals(n.get("diagnosis").get("status").asText()))
          .map(n -> n.get("message").asText()).collect(Collectors.toList());
      assertThat(queued).hasSize((int) (received - overflowed));
      List<String> sorted = new ArrayList<>(queued);
      sorted.sort((a, b) -> Integer.compare(Integer.parseInt(a.substring(1)), Integer.parseInt(b.substring(1))));
      assertThat(queued).as("queued events keep their order").isEqualTo(sorted);
      assertThat(lines).filteredOn(n -> !"overflow".equals(n.get("diagnosis").get("status").asText()))
          .allSatisfy(n -> assertThat(n.get("diagnosis").get("category").asText()).isEqualTo("illegal_state"));
    }
  }

  @Test
  void shutdownWithAFullQueueHandsEveryEventOnBeforeTheFileCloses() throws Exception {
    TestClassifiers.Gated slow = new TestClassifiers.Gated();
    DiagnosingAppender.diagnoserFactory = b -> b.classifier(slow).build();
    List<String> status = Collections.synchronizedList(new ArrayList<>());
    StatusListener listener = new StatusListener() {
      @Override
      public void log(StatusData data) {
        status.add(data.getLevel() + " " + data.getMessage().getFormattedMessage());
      }

      @Override
      public Level getStatusLevel() {
        return Level.INFO;
      }

      @Override
      public void close() {}
    };
    StatusLogger.getLogger().registerListener(listener);
    try (LogFixture f = LogFixture.start("dx-stop.xml")) {
      Logger log = f.logger("com.acme.Ledger");
      for (int i = 0; i < 100; i++) {
        if (i % 5 == 4) {
          log.info("e{}", i);
        } else {
          log.error("e{}", i, new IllegalStateException("ledger " + i + " is closed"));
        }
      }
      assertThat(f.appender("dx").stats().getOverflowed()).isZero();
      assertThat(f.json("app.json")).as("stage 1 holds the head of the queue").isEmpty();
      // stage 1 answers only once the drain has written everything, so that closing the engine need not wait
      Thread opener = new Thread(() -> {
        try {
          LogFixture.waitFor("drain written", () -> {
            try {
              return f.json("app.json").size() == 100;
            } catch (java.io.IOException e) {
              return false;
            }
          });
        } catch (InterruptedException | AssertionError e) {
          // the assertions below report it
        }
        slow.open();
      });
      opener.start();
      f.stop(); // as an application's shutdown: the drain ends after 300 ms, stage 1 still has not answered
      opener.join();

      List<JsonNode> lines = f.json("app.json");
      assertThat(lines).extracting(n -> n.get("message").asText())
          .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).mapToObj(i -> "e" + i)
              .collect(Collectors.toList()));
      assertThat(lines).filteredOn(n -> n.has("diagnosis")).hasSize(80)
          .allSatisfy(n -> {
            assertThat(n.get("diagnosis").get("status").asText()).isEqualTo("pending");
            assertThat(n.get("diagnosis").get("fingerprint").asText()).isNotBlank();
          });
      assertThat(status).anySatisfy(s -> assertThat(s).startsWith("INFO Diagnosing appender dx: Stopped:")
          .contains("received=100 delivered=100").contains("pending=80").contains("queued=0"));
      assertThat(status).noneSatisfy(s -> assertThat(s).contains("non-started appender"));
    } finally {
      StatusLogger.getLogger().removeListener(listener);
    }
  }
}
