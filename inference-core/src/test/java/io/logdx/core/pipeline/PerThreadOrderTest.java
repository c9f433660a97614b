package io.logdx.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Diagnosis;
import io.logdx.core.LogdxThread;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.AppenderSettings.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Eight unpaced logging threads into a queue of eight in front of a slow wrapped appender: the queue is full most
 * of the time, and under every policy each thread's events are handed on in the order it logged them, each once.
 * (Before the logging threads delivered what was ahead of their own events, overflowed and caller-enriched events
 * overtook older ones of the same thread still queued.)
 */
class PerThreadOrderTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 400;

  /** Records who handed on what; spends ~20 µs per event, as a slow disk or encoder would. */
  static final class SlowSink implements PipelineSink<String> {
    final List<String> handedOn = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger onLoggingThreads = new AtomicInteger();
    final AtomicInteger overflows = new AtomicInteger();
    final AtomicInteger enriched = new AtomicInteger();
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    private void slowly(String event) {
      long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(20);
      while (System.nanoTime() < until) Thread.onSpinWait();
      handedOn.add(event);
    }

    @Override
    public void deliver(String event, Diagnosis d, long occurrences, String eventId) {
      if (!LogdxThread.isCurrent()) onLoggingThreads.incrementAndGet();
      if (d != null && d.status() == Diagnosis.Status.OK) enriched.incrementAndGet();
      slowly(event);
    }

    @Override
    public void deliverFollowUp(String original, Diagnosis d, long occurrences, String eventId) {}

    @Override
    public void deliverOverflow(String event, boolean diagnosable) {
      overflows.incrementAndGet();
      slowly(event);
    }

    @Override
    public void reportProblem(String message, Throwable error) {
      problems.add(message);
    }
  }

  @ParameterizedTest
  @EnumSource(OverflowPolicy.class)
  void eachThreadsEventsAreHandedOnInTheOrderItLoggedThem(OverflowPolicy policy) throws Exception {
    SlowSink sink = new SlowSink();
    try (Diagnoser dx = Diagnoser.builder().model("rules").locale(Locale.ENGLISH).build()) {
      // known failures, diagnosed before: the cache answers at once (ENRICH_CACHED's case)
      for (int f = 0; f < 4; f++) dx.diagnoseNow(known(f));
      DiagnosisPipeline<String> p =
          TestPipelines.start(
              dx,
              sink,
              ExceptionFilter.all(),
              8,
              policy,
              Duration.ofMillis(50),
              Duration.ofMillis(1),
              Duration.ofSeconds(20),
              true,
              Duration.ofSeconds(60),
              "order-" + policy);
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        threads.add(
            new Thread(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < PER_THREAD; i++) {
                    // a mix: plain events, known failures, never-seen failures
                    Throwable thrown =
                        switch (i % 3) {
                          case 0 -> null;
                          case 1 -> known(i % 4);
                          default ->
                              new IllegalStateException(
                                  "ledger "
                                      + Integer.toString(thread * PER_THREAD + i, 36)
                                      + " closed");
                        };
                    p.offer("t" + thread + ":" + i, thrown);
                  }
                },
                "logging-" + t));
      }
      threads.forEach(Thread::start);
      go.countDown();
      for (Thread t : threads) t.join(60_000);
      assertThat(p.drainAndStop()).isTrue();

      Map<String, Integer> last = new HashMap<>();
      List<String> outOfOrder = new ArrayList<>();
      synchronized (sink.handedOn) {
        assertThat(sink.handedOn).hasSize(THREADS * PER_THREAD).doesNotHaveDuplicates();
        for (String e : sink.handedOn) {
          String thread = e.substring(0, e.indexOf(':'));
          int seq = Integer.parseInt(e.substring(e.indexOf(':') + 1));
          Integer before = last.put(thread, seq);
          if (before != null && before > seq) outOfOrder.add(e + " after " + thread + ":" + before);
        }
      }
      assertThat(outOfOrder).as("events written after a later one of their thread").isEmpty();
      // the full-queue path ran: logging threads delivered (their earlier events, or their own at
      // once)
      assertThat(sink.onLoggingThreads.get() + sink.overflows.get())
          .as("events handed on by logging threads")
          .isPositive();
      Counters s = p.stats(0, "test");
      assertThat(s.received()).isEqualTo(THREADS * PER_THREAD);
      assertThat(s.delivered() + s.overflowed()).isEqualTo(s.received());
      assertThat(sink.problems).isEmpty();
    }
  }

  private static Throwable known(int f) {
    return switch (f) {
      case 0 -> new IllegalStateException("order is closed");
      case 1 -> new IllegalArgumentException("amount is negative");
      case 2 -> new UnsupportedOperationException("refunds are not supported");
      default -> new ArithmeticException("/ by zero");
    };
  }
}
