package io.logdx.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Diagnosis;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.AppenderSettings.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Regression: an event offered while the drain ends must not be left in the queue after the dispatcher exited
 * (it was counted as received and never delivered).
 */
class DrainRaceTest {

  static final class CountingSink implements PipelineSink<Integer> {
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong overflowed = new AtomicLong();
    final AtomicLong returned = new AtomicLong();

    @Override
    public void deliver(Integer event, Diagnosis diagnosis, long occurrences, String eventId) {
      delivered.incrementAndGet();
    }

    @Override
    public void deliverFollowUp(
        Integer original, Diagnosis diagnosis, long occurrences, String eventId) {}

    @Override
    public void deliverOverflow(Integer event, boolean diagnosable) {
      overflowed.incrementAndGet();
    }

    @Override
    public void reportProblem(String message, Throwable error) {}
  }

  @Test
  void everyOfferedEventIsDeliveredOrPassedOnWhenStopRacesWithLogging() throws Exception {
    try (Diagnoser dx = Diagnoser.builder().model("rules").locale(Locale.ENGLISH).build()) {
      for (int round = 0; round < 300; round++) {
        CountingSink sink = new CountingSink();
        DiagnosisPipeline<Integer> p =
            TestPipelines.start(
                dx,
                sink,
                ExceptionFilter.all(),
                64,
                OverflowPolicy.PASS_THROUGH,
                Duration.ofSeconds(1),
                Duration.ZERO,
                Duration.ofSeconds(5),
                false,
                Duration.ofSeconds(60),
                "race");
        int threads = 3;
        int perThread = 200;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          Thread th =
              new Thread(
                  () -> {
                    try {
                      go.await();
                    } catch (InterruptedException e) {
                      return;
                    }
                    for (int i = 0; i < perThread; i++) {
                      // false: the pipeline is stopping and the event is the caller's to hand on
                      // (AppenderCore does)
                      if (!p.offer(i, null)) sink.returned.incrementAndGet();
                    }
                  });
          th.start();
          ts.add(th);
        }
        go.countDown();
        Thread.yield();
        p.drainAndStop();
        for (Thread t : ts) t.join();
        assertThat(sink.delivered.get() + sink.overflowed.get() + sink.returned.get())
            .as("round %d", round)
            .isEqualTo(threads * perThread);
        assertThat(p.stats(0, "race").queued()).as("round %d", round).isZero();
      }
    }
  }
}
