package io.logdx.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.contract.app.Failures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each logging thread's events keep their order with the queue full, under every overflow policy (issue 17): 8
 * unpaced threads in front of a queue of 16 and a wrapped appender slower than they are ({@link Scenario#SLOW_SINK}),
 * each logging 500 numbered events (plain INFO, ERRORs of a few failures that repeat, so that they come from the
 * cache, and ERRORs never seen before). In the JSON file, every thread's numbers must come strictly increasing,
 * each once, none missing.
 *
 * <p>BLOCK runs twice: with the default {@code maxBlock} of 100 ms, whose waits did not run out here (no event
 * went on past the queue), and with 1 ms, whose waits do, so that BLOCK's own way past a full queue is under test
 * too.
 *
 * <p>That the queue really was full is shown by the counters: {@code Overflowed} above zero for the settings whose
 * logging threads go on past a full queue (PASS_THROUGH, ENRICH_CACHED, BLOCK with 1 ms), and for every setting
 * the peak of {@code Queued} (sampled through JMX while the threads log) reaching the queue's capacity (it reached
 * 32 of 16 in every run here: the queue full behind a full in-flight window). One method,
 * {@link #assertTheQueueWasFull}, decides it, so that a pipeline that shows a full queue otherwise changes one
 * place.
 */
public abstract class FullQueueOrderContract extends AppenderContract {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 500;
  private static final int QUEUE_SIZE = 16;

  /**
   * @param policy the overflow policy
   * @param maxBlock the longest wait of BLOCK (ms)
   * @param overflows whether events go on past the full queue under this setting (then counted as Overflowed)
   */
  @ParameterizedTest(name = "{0}, maxBlock {1} ms")
  @CsvSource({
    "PASS_THROUGH, 100, true",
    "ENRICH_CACHED, 100, true",
    "BLOCK, 100, false",
    "BLOCK, 1, true"
  })
  public void eachThreadsEventsKeepTheirOrderWithTheQueueFull(
      String policy, int maxBlock, boolean overflows) throws InterruptedException {
    Map<String, String> properties = new HashMap<>();
    properties.put("QUEUE_SIZE", Integer.toString(QUEUE_SIZE));
    properties.put("OVERFLOW_POLICY", policy);
    properties.put("MAX_BLOCK", Integer.toString(maxBlock));
    AppenderHarness h = start(Scenario.SLOW_SINK, properties);
    // the repeated failures diagnosed once before the storm, so that they are in the cache
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("warm-up"), "warm-up 1");
    h.log(Level.ERROR, LOGGER, Failures.declined("card declined"), "warm-up 2");
    waitFor("the warm-up delivered", () -> counter("Delivered") == 2);

    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      producers.add(
          new Thread(
              () -> {
                try {
                  go.await();
                  for (int i = 0; i < PER_THREAD; i++) logOne(h, id, i);
                } catch (Throwable e) {
                  thrown.compareAndSet(null, e);
                }
              },
              "producer-" + t));
    }
    AtomicBoolean logging = new AtomicBoolean(true);
    AtomicLong peakQueued = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (logging.get()) {
                peakQueued.accumulateAndGet(counter("Queued"), Math::max);
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "queued-sampler");
    producers.forEach(Thread::start);
    sampler.start();
    go.countDown();
    for (Thread p : producers) p.join(20_000);
    logging.set(false);
    sampler.join(5_000);
    assertThat(producers).as("producers done within 20 s").noneMatch(Thread::isAlive);
    assertThat(thrown.get()).as("what a producer threw").isNull();
    long overflowed = counter("Overflowed");
    long capacity = counter("QueueCapacity");
    h.stop();

    List<WrittenEvent> out = h.events();
    List<List<Integer>> written = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) written.add(new ArrayList<>());
    int followUps = 0;
    for (WrittenEvent e : out) {
      if (e.markers().contains(PendingContract.FOLLOW_UP_MARKER)) {
        // a late diagnosis of a never-seen failure, written when it came: not in any thread's order
        followUps++;
        continue;
      }
      if (e.message().startsWith("warm-up")) continue;
      String[] parts = e.message().split(" ");
      written.get(Integer.parseInt(parts[0].substring(1))).add(Integer.parseInt(parts[1]));
    }
    // late ones: events written after a later event of their own thread
    int late = 0;
    List<String> firstLate = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int highest = -1;
      for (int i : written.get(t)) {
        if (i < highest) {
          late++;
          if (firstLate.size() < 5) firstLate.add("t" + t + " " + i + " after " + highest);
        }
        highest = Math.max(highest, i);
      }
    }
    String summary =
        String.format(
            "%s, %s maxBlock %d ms: %d events, %d written after a later event of their thread (first: %s);"
                + " Overflowed=%d, peak Queued=%d of %d",
            h.framework(),
            policy,
            maxBlock,
            out.size() - 2 - followUps,
            late,
            firstLate,
            overflowed,
            peakQueued.get(),
            capacity);
    // soft: a failing run shows every part that fails
    SoftAssertions soft = new SoftAssertions();
    for (int t = 0; t < THREADS; t++) {
      soft.assertThat(written.get(t))
          .as("thread %d: every event written once; %s", t, summary)
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(IntStream.range(0, PER_THREAD).boxed().toList());
    }
    soft.assertThat(late).as(summary).isZero();
    assertTheQueueWasFull(soft, overflows, overflowed, peakQueued.get(), capacity, summary);
    soft.assertAll();
  }

  /**
   * That the full-queue path ran: for a setting under which events go on past the full queue, {@code Overflowed}
   * above zero; for every setting, a peak of {@code Queued} at the queue's capacity or above.
   */
  protected void assertTheQueueWasFull(
      SoftAssertions soft,
      boolean overflows,
      long overflowed,
      long peakQueued,
      long capacity,
      String summary) {
    soft.assertThat(capacity).as("QueueCapacity").isEqualTo(QUEUE_SIZE);
    soft.assertThat(peakQueued).as("peak Queued; %s", summary).isGreaterThanOrEqualTo(capacity);
    if (overflows) soft.assertThat(overflowed).as("Overflowed; %s", summary).isPositive();
  }

  /**
   * Event {@code i} of thread {@code t}, message {@code t<t> <i>}: six in ten plain INFO, three in ten ERRORs of two
   * failures that repeat, one in ten an ERROR of a failure never seen before (its message's wording, not only a
   * number, differs, so that its fingerprint does).
   */
  private static void logOne(AppenderHarness h, int t, int i) {
    switch (i % 10) {
      case 6, 7 -> h.log(Level.ERROR, LOGGER, Failures.numberFormat("n" + i), "t{} {}", t, i);
      case 8 -> h.log(Level.ERROR, LOGGER, Failures.declined("card declined"), "t{} {}", t, i);
      case 9 ->
          h.log(
              Level.ERROR,
              LOGGER,
              new IllegalStateException("ledger " + letters(t * PER_THREAD + i) + " not ready"),
              "t{} {}",
              t,
              i);
      default -> h.log(Level.INFO, LOGGER, null, "t{} {}", t, i);
    }
  }

  /** A number written in letters ({@code a}, {@code b}... {@code ba}): a word of its own for each. */
  private static String letters(int n) {
    StringBuilder sb = new StringBuilder();
    do {
      sb.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return sb.reverse().toString();
  }
}
