package io.logdx.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Diagnosis;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.AppenderSettings.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, first two points: whatever a wrapped appender throws on the dispatcher costs that one event, never the
 * dispatcher and the events queued behind it; and the dispatcher's stack holds what an application thread's would.
 */
class DispatcherSurvivesTest {

  /** A sink whose wrapped appender throws an Error for some events and works for the rest. */
  static final class ErrorThrowingSink implements PipelineSink<String> {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void deliver(String event, Diagnosis diagnosis, long occurrences, String eventId) {
      switch (event) {
        case "overflow" -> throw new StackOverflowError("encoder recursed once per cause");
        case "assert" -> throw new AssertionError("a wrapped appender's assertion");
        case "oom" -> throw new OutOfMemoryError("Java heap space (one huge event)");
        case "deep" -> events.add(event + ":" + recurse(DEPTH));
        default -> events.add(event);
      }
    }

    @Override
    public void deliverFollowUp(String original, Diagnosis d, long occurrences, String eventId) {}

    @Override
    public void deliverOverflow(String event, boolean diagnosable) {
      events.add("overflow of " + event);
    }

    @Override
    public void reportProblem(String message, Throwable error) {
      problems.add(message);
    }
  }

  /**
   * Frames deep enough to overflow a default 1 MiB thread stack (each frame holds a few longs), as an encoder
   * recursing once per cause of a 5 000-deep chain does, and well within the dispatcher's 16 MiB.
   */
  static final int DEPTH = 40_000;

  static long recurse(int n) {
    long a = n;
    long b = n * 31L;
    return n == 0 ? a + b : recurse(n - 1) + (a ^ b) % 7;
  }

  @Test
  void anErrorFromAWrappedAppenderCostsOneEventNotTheDispatcher() throws Exception {
    ErrorThrowingSink sink = new ErrorThrowingSink();
    try (Diagnoser dx = Diagnoser.builder().model("rules").locale(Locale.ENGLISH).build()) {
      DiagnosisPipeline<String> p =
          TestPipelines.start(
              dx,
              sink,
              ExceptionFilter.all(),
              1024,
              OverflowPolicy.BLOCK,
              Duration.ofSeconds(10),
              Duration.ofSeconds(10),
              Duration.ofSeconds(10),
              false,
              Duration.ofSeconds(60),
              "errors");
      List<String> sent =
          List.of("e0", "overflow", "e1", "assert", "e2", "oom", "e3", "deep", "e4");
      for (String e : sent) {
        p.offer(e, e.startsWith("e") ? new IllegalStateException("boom " + e) : null);
      }
      assertThat(p.drainAndStop()).as("drained, not timed out").isTrue();
      // "deep" recursed 40 000 frames on the dispatcher (its result is checked to be there, not
      // recomputed
      // here: the test's own thread may not have the stack for it)
      assertThat(sink.events.stream().map(e -> e.startsWith("deep:") ? "deep" : e))
          .containsExactly("e0", "e1", "e2", "e3", "deep", "e4");
      assertThat(sink.problems).filteredOn(m -> m.equals("a wrapped appender failed")).hasSize(3);
      // after a StackOverflowError or an OutOfMemoryError the thread's own state may be damaged (an
      // encoder's thread-local buffers): a fresh dispatcher thread takes over, and says so
      assertThat(sink.problems)
          .filteredOn(m -> m.startsWith("logdx's dispatcher thread was replaced after a"))
          .hasSize(2)
          .anyMatch(m -> m.contains("StackOverflowError"))
          .anyMatch(m -> m.contains("OutOfMemoryError"));
      assertThat(sink.problems).hasSize(5);
      Counters s = p.stats(0, "test");
      // the three bad events were handed on once each and failed: not delivered, counted apart
      assertThat(s.delivered()).isEqualTo(sent.size() - 3);
      assertThat(s.failedHandOns()).isEqualTo(3);
      assertThat(s.received()).isEqualTo(s.delivered() + s.failedHandOns());
    }
  }

  @Test
  void theRecursionOfTheDeepEventWouldOverflowAnOrdinaryThread() throws Exception {
    // the control: the same recursion on a thread with the JVM's default stack overflows, so the
    // test
    // above shows the dispatcher's stack, not a recursion too shallow to matter
    Throwable[] thrown = new Throwable[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                recurse(DEPTH);
              } catch (StackOverflowError e) {
                thrown[0] = e;
              }
            },
            "ordinary",
            1L << 20);
    t.start();
    t.join();
    assertThat(thrown[0]).isInstanceOf(StackOverflowError.class);
  }
}
