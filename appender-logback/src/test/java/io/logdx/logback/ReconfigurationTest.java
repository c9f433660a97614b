package io.logdx.logback;

import static io.logdx.logback.LogbackFixture.configure;
import static io.logdx.logback.LogbackFixture.logdxThreads;
import static io.logdx.logback.LogbackFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logdx.contract.app.Failures;
import io.logdx.core.DiagnosisFields;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Reconfiguration as Logback's scan and Spring Boot do it: reset the context, run JoranConfigurator again. */
class ReconfigurationTest {

  @Test
  void reconfiguringTheSameContextLeaksNoThreadsAndKeepsWorking() throws Exception {
    waitFor("no logdx threads left by other tests", () -> logdxThreads().isEmpty());
    ObjectName name = new ObjectName("io.logdx:type=DiagnosingAppender,name=DX");
    try (LogbackFixture fx = configure("logback-list.xml")) {
      for (int round = 1; round <= 3; round++) {
        if (round > 1) {
          fx.context.reset();
          waitFor("threads of the old appender gone", () -> logdxThreads().isEmpty());
          assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(name)).isFalse();
          LogbackFixture.configureInto(fx.context, "logback-list.xml");
        }
        fx.logger("com.acme.Payments").error("round " + round, Failures.numberFormat("abc"));
        ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
        waitFor(
            "round " + round + " delivered",
            () -> DiagnosingAppenderTest.snapshot(list).size() == 1);
        assertThat(list.list.get(0).getMDCPropertyMap())
            .containsEntry(DiagnosisFields.CATEGORY, "number_format");
        // one dispatcher and at most the configured two workers
        assertThat(logdxThreads())
            .filteredOn(t -> t.getName().startsWith("logdx-dispatcher-"))
            .hasSize(1);
        assertThat(logdxThreads())
            .filteredOn(t -> t.getName().startsWith("logdx-worker-"))
            .hasSizeLessThanOrEqualTo(2);
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(name)).isTrue();
      }
      fx.stop();
      assertThat(fx.problems()).isEmpty();
    }
    waitFor("every logdx thread ended after stop", () -> logdxThreads().isEmpty());
  }
}
