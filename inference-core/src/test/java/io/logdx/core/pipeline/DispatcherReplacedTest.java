package io.logdx.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.AppenderSettings.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A dispatcher thread that ends anyway is replaced, and the new one takes over what was queued and in flight; the
 * drain reports a replaced dispatcher as such, not as a timeout. The old thread is ended the only way left that
 * nothing in the pipeline catches: {@code Thread.stop()} while it sleeps (available up to Java 19).
 */
class DispatcherReplacedTest {

  @Test
  @SuppressWarnings({"deprecation", "removal"})
  void aDispatcherThatEndsIsReplacedWithItsQueueIntact() throws Exception {
    assumeTrue(Runtime.version().feature() < 20, "Thread.stop() ends a thread up to Java 19");
    DiagnosisPipelineTest.RecordingSink sink = new DiagnosisPipelineTest.RecordingSink();
    DiagnosisPipelineTest.GatedClassifier slow = new DiagnosisPipelineTest.GatedClassifier();
    try (Diagnoser dx =
        Diagnoser.builder().classifier(slow).cacheSize(0).locale(Locale.ENGLISH).build()) {
      DiagnosisPipeline<String> p =
          TestPipelines.start(
              dx,
              sink,
              ExceptionFilter.all(),
              64,
              OverflowPolicy.PASS_THROUGH,
              Duration.ofSeconds(30),
              Duration.ZERO,
              Duration.ofSeconds(10),
              false,
              Duration.ofSeconds(60),
              "replaced");
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        sent.add("e" + i);
        p.offer("e" + i, i % 2 == 0 ? new IllegalStateException("boom " + i) : null);
      }
      // the head waits for the gated model: the dispatcher sleeps with 20 events in its care
      Thread old = dispatcherOf("logdx-dispatcher-replaced-");
      DiagnosisPipelineTest.waitFor(() -> old.getState() == Thread.State.TIMED_WAITING);
      old.stop();
      old.join(10_000);
      assertThat(old.isAlive()).isFalse();
      DiagnosisPipelineTest.waitFor(
          () -> sink.problems.stream().anyMatch(m -> m.contains("a new one took over the 20")));
      slow.gate.countDown();
      for (int i = 20; i < 30; i++) {
        sent.add("e" + i);
        p.offer("e" + i, null);
      }
      assertThat(p.drainAndStop()).as("drained by the new dispatcher").isTrue();
      assertThat(sink.events).containsExactlyElementsOf(sent);
      assertThat(sink.problems).noneMatch(m -> m.contains("drain timed out"));
      assertThat(p.stats(0, "test").delivered()).isEqualTo(30);
    }
  }

  private static Thread dispatcherOf(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix))
        .findFirst()
        .orElseThrow();
  }
}
