package io.logdx.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.AppenderSettings.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DiagnosisPipelineTest {

  /** A sink that records what reaches the "wrapped appenders". */
  static final class RecordingSink implements PipelineSink<String> {
    /** Every event handed on, delivered or overflowing, in the order it was handed on. */
    final List<String> all = Collections.synchronizedList(new ArrayList<>());

    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<Diagnosis> diagnoses = Collections.synchronizedList(new ArrayList<>());
    final List<String> followUps = Collections.synchronizedList(new ArrayList<>());
    final List<String> overflows = Collections.synchronizedList(new ArrayList<>());
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void deliver(String event, Diagnosis diagnosis, long occurrences, String eventId) {
      all.add(event);
      events.add(event);
      diagnoses.add(diagnosis);
    }

    @Override
    public void deliverFollowUp(
        String original, Diagnosis diagnosis, long occurrences, String eventId) {
      followUps.add(original + "=" + diagnosis.status().value());
    }

    @Override
    public void deliverOverflow(String event, boolean diagnosable) {
      all.add(event);
      overflows.add(event);
    }

    @Override
    public void reportProblem(String message, Throwable error) {
      problems.add(message);
    }
  }

  /** A classifier that waits on a latch: the "deliberately slow stage". */
  static final class GatedClassifier implements Classifier {
    final CountDownLatch gate = new CountDownLatch(1);
    private final int maxWaitSeconds;

    GatedClassifier() {
      this(10);
    }

    /** Answers once the gate opens, or after {@code maxWaitSeconds} at the latest. */
    GatedClassifier(int maxWaitSeconds) {
      this.maxWaitSeconds = maxWaitSeconds;
    }

    @Override
    public Classification classify(Failure failure) throws Exception {
      gate.await(maxWaitSeconds, TimeUnit.SECONDS);
      return new Classification(List.of(new Prediction("illegal_state", 0.9)), id());
    }

    @Override
    public String id() {
      return "gated/1";
    }
  }

  private static DiagnosisPipeline<String> pipeline(
      Diagnoser dx, RecordingSink sink, int queue, Duration budget) {
    return TestPipelines.start(
        dx,
        sink,
        ExceptionFilter.all(),
        queue,
        OverflowPolicy.PASS_THROUGH,
        budget,
        Duration.ofMillis(10),
        Duration.ofSeconds(5),
        true,
        Duration.ofSeconds(60),
        "test");
  }

  @Test
  void keepsLoggingOrderPerThreadUnderConcurrency() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (Diagnoser dx =
        Diagnoser.builder().model("rules").workerThreads(2).locale(Locale.ENGLISH).build()) {
      DiagnosisPipeline<String> p = pipeline(dx, sink, 100_000, Duration.ofSeconds(5));
      int threads = 4;
      int perThread = 2_000;
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        ts.add(
            new Thread(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    Throwable th =
                        i % 3 == 0 ? new IllegalStateException("state " + (i % 7)) : null;
                    p.offer(id + ":" + i, th);
                  }
                }));
      }
      ts.forEach(Thread::start);
      for (Thread t : ts) t.join();
      assertThat(p.drainAndStop()).isTrue();
      assertThat(sink.events).hasSize(threads * perThread);
      int[] next = new int[threads];
      for (String e : sink.events) {
        String[] parts = e.split(":");
        int t = Integer.parseInt(parts[0]);
        assertThat(Integer.parseInt(parts[1])).as("order of thread %d", t).isEqualTo(next[t]);
        next[t]++;
      }
      Counters s = p.stats(0, "test");
      assertThat(s.delivered()).isEqualTo(threads * perThread);
      assertThat(s.enriched()).isEqualTo(threads * ((perThread + 2) / 3));
      assertThat(s.overflowed()).isZero();
    }
  }

  @Test
  void slowDiagnosisGoesOnPendingAndComesBackAsFollowUp() throws Exception {
    RecordingSink sink = new RecordingSink();
    GatedClassifier slow = new GatedClassifier();
    try (Diagnoser dx = Diagnoser.builder().classifier(slow).locale(Locale.ENGLISH).build()) {
      DiagnosisPipeline<String> p = pipeline(dx, sink, 16, Duration.ofMillis(20));
      p.offer("first", new IllegalStateException("not started"));
      p.offer("second", null);
      // both are delivered although the classifier has not answered: first as pending, second after
      // it
      waitFor(() -> sink.events.size() == 2);
      assertThat(sink.events).containsExactly("first", "second");
      assertThat(sink.diagnoses.get(0).status()).isEqualTo(Diagnosis.Status.PENDING);
      assertThat(sink.diagnoses.get(0).fingerprint()).isNotEmpty();
      assertThat(sink.diagnoses.get(1)).isNull();
      slow.gate.countDown();
      waitFor(() -> sink.followUps.size() == 1);
      assertThat(sink.followUps).containsExactly("first=ok");
      assertThat(p.drainAndStop()).isTrue();
      assertThat(p.stats(0, "test").pending()).isEqualTo(1);
      assertThat(p.stats(0, "test").followUps()).isEqualTo(1);
    }
  }

  /**
   * A logging thread that finds the queue full while its own events are still in it delivers up to them first
   * (pending, as their diagnoses are not ready) and queues its event in the room that made: nothing overtakes its
   * own events, nothing overflows. A thread with nothing in the pipeline hands its event on at once.
   */
  @Test
  void aThreadFindingTheQueueFullDeliversItsOwnEarlierEventsFirst() throws Exception {
    RecordingSink sink = new RecordingSink();
    GatedClassifier slow = new GatedClassifier();
    try (Diagnoser dx =
        Diagnoser.builder().classifier(slow).cacheSize(0).locale(Locale.ENGLISH).build()) {
      // a long budget: the dispatcher holds the head while the queue (4) fills up
      DiagnosisPipeline<String> p =
          TestPipelines.start(
              dx,
              sink,
              ExceptionFilter.all(),
              4,
              OverflowPolicy.PASS_THROUGH,
              Duration.ofSeconds(30),
              Duration.ZERO,
              Duration.ofMillis(200),
              true,
              Duration.ofSeconds(60),
              "overflow");
      int total = 50;
      List<String> sent = new ArrayList<>();
      // 4 in flight, 4 queued (time for the dispatcher to take what it may): the queue is full
      for (int i = 0; i < 8; i++) {
        sent.add("e" + i);
        p.offer("e" + i, new IllegalStateException("boom " + i));
        Thread.sleep(5);
      }
      assertThat(sink.all).isEmpty();
      // another thread, with nothing of its own in the pipeline, goes on at once
      onAnotherThread(() -> p.offer("other", new IllegalStateException("boom other")));
      assertThat(sink.all).containsExactly("other");
      for (int i = 8; i < total; i++) {
        sent.add("e" + i);
        assertThat(p.offer("e" + i, new IllegalStateException("boom " + i))).isTrue();
      }
      // it delivered its earlier events itself: those taken by the dispatcher pending, those still
      // queued at once (PASS_THROUGH: no work for this thread beyond handing them on)
      assertThat(sink.events).isNotEmpty();
      assertThat(sink.overflows).hasSizeGreaterThan(1);
      assertThat(p.drainAndStop()).isTrue();
      slow.gate.countDown();
      List<String> handedOn = new ArrayList<>(sink.all);
      handedOn.remove("other");
      assertThat(handedOn).as("this thread never overtook itself").containsExactlyElementsOf(sent);
      Counters s = p.stats(0, "test");
      assertThat(s.received()).isEqualTo(total + 1);
      assertThat(s.delivered() + s.overflowed()).isEqualTo(total + 1);
      assertThat(s.overflowed()).isEqualTo(sink.overflows.size());
      assertThat(sink.diagnoses)
          .allSatisfy(d -> assertThat(d.status()).isEqualTo(Diagnosis.Status.PENDING));
    }
  }

  /** Runs an offer on a thread of its own (one that has nothing in the pipeline) and waits for it. */
  static void onAnotherThread(Runnable r) throws InterruptedException {
    Thread t = new Thread(r, "another-logging-thread");
    t.start();
    t.join(10_000);
    assertThat(t.isAlive()).isFalse();
  }

  /**
   * ENRICH_CACHED: on a full queue the logging thread enriches events of known failures itself, passes never-seen
   * ones on as overflow, and has their diagnosis started so that later occurrences find it cached.
   */
  @Test
  void fullQueueEnrichesKnownFailuresOnTheLoggingThread() throws Exception {
    RecordingSink sink = new RecordingSink();
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch later = new CountDownLatch(1);
    Classifier slowForSome =
        new Classifier() {
          @Override
          public Classification classify(Failure failure) throws Exception {
            String m = failure.rootCause().map(n -> n.message()).orElse("");
            if (m.contains("stuck")) gate.await(10, TimeUnit.SECONDS);
            if (m.contains("negative")) later.await(10, TimeUnit.SECONDS);
            return new Classification(List.of(new Prediction("illegal_state", 0.9)), id());
          }

          @Override
          public String id() {
            return "some-slow/1";
          }
        };
    try (Diagnoser dx =
        Diagnoser.builder()
            .classifier(slowForSome)
            .workerThreads(2)
            .locale(Locale.ENGLISH)
            .build()) {
      assertThat(dx.diagnoseNow(new IllegalStateException("order is closed")).status())
          .isEqualTo(Diagnosis.Status.OK);
      DiagnosisPipeline<String> p =
          TestPipelines.start(
              dx,
              sink,
              ExceptionFilter.all(),
              2,
              OverflowPolicy.ENRICH_CACHED,
              Duration.ofSeconds(30),
              Duration.ZERO,
              Duration.ofSeconds(5),
              false,
              Duration.ofSeconds(60),
              "enrich-cached");
      // a stuck head, then the queue fills
      for (int i = 0; i < 6; i++) {
        String e = "stuck" + i;
        // each from a thread of its own, so that none delivers the ones ahead of it
        onAnotherThread(() -> p.offer(e, new IllegalStateException("worker stuck")));
        Thread.sleep(5);
      }
      assertThat(sink.events).isEmpty();
      // Both taken (true): the caller must not hand them on again (a false here once made the
      // appender core pass the enriched event on a second time). Logged by threads with nothing in
      // the pipeline: they go on at once, without overtaking an event of their own.
      // (thrown here, not in the lambdas: the same stack as the failure diagnosed above)
      boolean[] taken = new boolean[2];
      Throwable known = new IllegalStateException("order is closed");
      Throwable fresh = new IllegalArgumentException("amount is negative");
      onAnotherThread(() -> taken[0] = p.offer("known", known));
      onAnotherThread(() -> taken[1] = p.offer("new", fresh));
      assertThat(taken).containsExactly(true, true);
      // enriched at once, on that thread, ahead of the queued events; the never-seen one went on as
      // overflow
      assertThat(sink.events).containsExactly("known");
      assertThat(sink.diagnoses.get(0).status()).isEqualTo(Diagnosis.Status.OK);
      assertThat(sink.diagnoses.get(0).category()).isEqualTo("illegal_state");
      assertThat(sink.overflows).contains("new");
      later.countDown();
      // its diagnosis was started all the same: a later occurrence finds it cached
      String fp = dx.parse(new IllegalArgumentException("amount is negative")).fingerprint();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (dx.cached(fp).isEmpty() && System.nanoTime() < until) Thread.sleep(5);
      assertThat(dx.cached(fp))
          .hasValueSatisfying(d -> assertThat(d.status()).isEqualTo(Diagnosis.Status.OK));
      gate.countDown();
      assertThat(p.drainAndStop()).isTrue();
      Counters s = p.stats(0, "test");
      assertThat(sink.events.size() + sink.overflows.size()).isEqualTo(8);
      assertThat(s.delivered()).isEqualTo(sink.events.size());
      assertThat(s.enriched()).isGreaterThanOrEqualTo(1);
    }
  }

  /**
   * Regression: the dispatcher used to move up to 4096 events from the queue into its in-flight window whatever
   * the queue size, so a stalled head never filled a small queue and {@code queueSize} bounded nothing.
   */
  @Test
  void stalledHeadFillsTheQueueWithinTwiceItsCapacity() throws Exception {
    RecordingSink sink = new RecordingSink();
    GatedClassifier slow = new GatedClassifier();
    try (Diagnoser dx =
        Diagnoser.builder().classifier(slow).cacheSize(0).locale(Locale.ENGLISH).build()) {
      DiagnosisPipeline<String> p =
          TestPipelines.start(
              dx,
              sink,
              ExceptionFilter.all(),
              2,
              OverflowPolicy.PASS_THROUGH,
              Duration.ofSeconds(30),
              Duration.ZERO,
              Duration.ofMillis(200),
              false,
              Duration.ofSeconds(60),
              "bounded");
      int total = 20;
      for (int i = 0; i < total; i++) {
        String e = "e" + i;
        // each from a thread of its own: a thread with events in the pipeline would deliver them
        // rather than overflow
        onAnotherThread(() -> p.offer(e, new IllegalStateException("boom " + e)));
        Thread.sleep(5); // time for the dispatcher to take what it may from the queue
      }
      // at most 2 in flight and 2 queued: everything else found the queue full
      Counters atFull = p.stats(0, "test");
      assertThat(atFull.received() - atFull.overflowed()).isLessThanOrEqualTo(4);
      assertThat(sink.overflows).hasSize((int) p.stats(0, "test").overflowed());
      assertThat(p.drainAndStop()).isTrue();
      slow.gate.countDown();
      assertThat(sink.events.size() + sink.overflows.size()).isEqualTo(total);
    }
  }

  /** Regression: an event whose diagnosis could not even start was taken from the queue and never delivered. */
  @Test
  void eventWhoseDiagnosisCannotStartIsStillDelivered() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (Diagnoser dx = Diagnoser.builder().model("rules").locale(Locale.ENGLISH).build()) {
      Diagnoser broken =
          new Diagnoser() {
            @Override
            public Failure parse(Throwable throwable) {
              throw new IllegalStateException("parser bug");
            }

            @Override
            public Failure parse(String logText) {
              return dx.parse(logText);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Diagnosis> diagnose(Failure failure) {
              return dx.diagnose(failure);
            }

            @Override
            public Diagnosis diagnoseNow(Failure failure) {
              return dx.diagnoseNow(failure);
            }

            @Override
            public java.util.Optional<Diagnosis> cached(String fingerprint) {
              return dx.cached(fingerprint);
            }

            @Override
            public io.logdx.core.engine.Diagnoser.Stats stats() {
              return dx.stats();
            }

            @Override
            public String modelId() {
              return dx.modelId();
            }

            @Override
            public void close() {}
          };
      DiagnosisPipeline<String> p = pipeline(broken, sink, 16, Duration.ofSeconds(5));
      p.offer("before", null);
      p.offer("broken", new IllegalStateException("x"));
      p.offer("after", null);
      assertThat(p.drainAndStop()).isTrue();
      assertThat(sink.events).containsExactly("before", "broken", "after");
      // handed on with status error (AppenderCore gives it the status-only fields), never plainly
      assertThat(sink.diagnoses.get(1)).isSameAs(DiagnosisPipeline.NOT_STARTED);
      assertThat(p.stats(0, "test").failed()).isEqualTo(1);
      assertThat(sink.problems).contains("could not start a diagnosis");
    }
  }

  @Test
  void excludedTypesAreSkipped() throws Exception {
    RecordingSink sink = new RecordingSink();
    try (Diagnoser dx = Diagnoser.builder().model("rules").locale(Locale.ENGLISH).build()) {
      DiagnosisPipeline<String> p =
          TestPipelines.start(
              dx,
              sink,
              new ExceptionFilter(List.of(), List.of("java.lang.IllegalArgumentException")),
              16,
              OverflowPolicy.PASS_THROUGH,
              Duration.ofSeconds(5),
              Duration.ZERO,
              Duration.ofSeconds(5),
              true,
              Duration.ofSeconds(60),
              "filter");
      p.offer("nfe", new NumberFormatException("For input string: \"x\""));
      p.offer("ise", new IllegalStateException("closed"));
      assertThat(p.drainAndStop()).isTrue();
      assertThat(sink.diagnoses.get(0).status()).isEqualTo(Diagnosis.Status.SKIPPED);
      assertThat(sink.diagnoses.get(1).status()).isEqualTo(Diagnosis.Status.OK);
      assertThat(p.stats(0, "test").skipped()).isEqualTo(1);
    }
  }

  @Test
  void countsOccurrencesPerFingerprint() throws Exception {
    RecordingSink sink = new RecordingSink();
    List<Long> counts = Collections.synchronizedList(new ArrayList<>());
    PipelineSink<String> counting =
        new PipelineSink<>() {
          @Override
          public void deliver(String event, Diagnosis diagnosis, long occurrences, String eventId) {
            counts.add(occurrences);
          }

          @Override
          public void deliverFollowUp(
              String original, Diagnosis diagnosis, long occurrences, String eventId) {}

          @Override
          public void deliverOverflow(String event, boolean diagnosable) {}

          @Override
          public void reportProblem(String message, Throwable error) {
            sink.problems.add(message);
          }
        };
    try (Diagnoser dx = Diagnoser.builder().model("rules").locale(Locale.ENGLISH).build()) {
      DiagnosisPipeline<String> p =
          TestPipelines.start(
              dx,
              counting,
              ExceptionFilter.all(),
              64,
              OverflowPolicy.PASS_THROUGH,
              Duration.ofSeconds(5),
              Duration.ZERO,
              Duration.ofSeconds(5),
              true,
              Duration.ofSeconds(60),
              "count");
      for (int i = 0; i < 5; i++) {
        p.offer("a" + i, failAt(i)); // same failure, other ids
      }
      p.offer("b", new UnsupportedOperationException("other"));
      assertThat(p.drainAndStop()).isTrue();
      assertThat(counts).containsExactly(1L, 2L, 3L, 4L, 5L, 1L);
    }
  }

  /**
   * A never-seen failure passed on for lack of model time leaves nothing in the occurrence table (a flood of them
   * would fill it with entries that only the collector gets rid of); a failure logdx counts is counted on.
   */
  @Test
  void failuresRefusedModelTimeAreNotAddedToTheOccurrenceTable() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    PipelineSink<String> counting =
        new PipelineSink<>() {
          @Override
          public void deliver(String event, Diagnosis diagnosis, long occurrences, String eventId) {
            seen.add(event + ":" + diagnosis.status().value() + ":" + occurrences);
          }

          @Override
          public void deliverFollowUp(
              String original, Diagnosis diagnosis, long occurrences, String eventId) {}

          @Override
          public void deliverOverflow(String event, boolean diagnosable) {}

          @Override
          public void reportProblem(String message, Throwable error) {}
        };
    Classifier slow =
        new Classifier() {
          @Override
          public Classification classify(Failure failure) throws Exception {
            Thread.sleep(200);
            return new Classification(List.of(new Prediction("illegal_state", 0.9)), id());
          }

          @Override
          public String id() {
            return "slow/1";
          }
        };
    // half a core, 1 ms at once: the first 200 ms run overdraws the budget for about 400 ms
    try (Diagnoser dx =
        Diagnoser.builder()
            .classifier(slow)
            .modelTimeShare(0.5)
            .modelTimeBurst(Duration.ofMillis(1))
            .locale(Locale.ENGLISH)
            .build()) {
      DiagnosisPipeline<String> p =
          TestPipelines.start(
              dx,
              counting,
              ExceptionFilter.all(),
              16,
              OverflowPolicy.PASS_THROUGH,
              Duration.ofSeconds(5),
              Duration.ZERO,
              Duration.ofSeconds(5),
              false,
              Duration.ofSeconds(60),
              "refused-count");
      p.offer("alpha1", new IllegalStateException("order alpha is closed"));
      waitFor(() -> seen.size() == 1);
      p.offer("beta1", new IllegalArgumentException("amount beta is negative"));
      p.offer("beta2", new IllegalArgumentException("amount beta is negative"));
      p.offer("alpha2", new IllegalStateException("order alpha is closed"));
      assertThat(p.drainAndStop()).isTrue();
      assertThat(seen)
          .containsExactly("alpha1:ok:1", "beta1:refused:0", "beta2:refused:0", "alpha2:ok:2");
    }
  }

  /** Regression: writing a follow-up used to record one more occurrence of its fingerprint. */
  @Test
  void followUpIsNotCountedAsAnOccurrence() throws Exception {
    List<Long> counts = Collections.synchronizedList(new ArrayList<>());
    List<Long> followUpCounts = Collections.synchronizedList(new ArrayList<>());
    PipelineSink<String> counting =
        new PipelineSink<>() {
          @Override
          public void deliver(String event, Diagnosis diagnosis, long occurrences, String eventId) {
            counts.add(occurrences);
          }

          @Override
          public void deliverFollowUp(
              String original, Diagnosis diagnosis, long occurrences, String eventId) {
            followUpCounts.add(occurrences);
          }

          @Override
          public void deliverOverflow(String event, boolean diagnosable) {}

          @Override
          public void reportProblem(String message, Throwable error) {}
        };
    GatedClassifier slow = new GatedClassifier();
    try (Diagnoser dx = Diagnoser.builder().classifier(slow).locale(Locale.ENGLISH).build()) {
      DiagnosisPipeline<String> p =
          TestPipelines.start(
              dx,
              counting,
              ExceptionFilter.all(),
              16,
              OverflowPolicy.PASS_THROUGH,
              Duration.ofMillis(20),
              Duration.ZERO,
              Duration.ofSeconds(5),
              true,
              Duration.ofSeconds(60),
              "followup-count");
      p.offer("a0", failAt(0));
      waitFor(() -> counts.size() == 1);
      slow.gate.countDown();
      waitFor(() -> followUpCounts.size() == 1);
      p.offer("a1", failAt(1));
      assertThat(p.drainAndStop()).isTrue();
      assertThat(counts).containsExactly(1L, 2L);
      assertThat(followUpCounts).containsExactly(1L);
    }
  }

  @Test
  void drainThatRunsOutOfTimeStillDeliversEveryEvent() throws Exception {
    RecordingSink sink = new RecordingSink();
    // a parser-heavy backlog: a slow classifier holds the head, the queue is full of distinct
    // failures
    GatedClassifier slow = new GatedClassifier();
    try (Diagnoser dx =
        Diagnoser.builder().classifier(slow).cacheSize(0).locale(Locale.ENGLISH).build()) {
      DiagnosisPipeline<String> p =
          TestPipelines.start(
              dx,
              sink,
              ExceptionFilter.all(),
              2_000,
              OverflowPolicy.BLOCK,
              Duration.ofSeconds(30),
              Duration.ofSeconds(5),
              Duration.ZERO,
              false,
              Duration.ofSeconds(60),
              "drain");
      int total = 2_000;
      for (int i = 0; i < total; i++) {
        p.offer("e" + i, new IllegalStateException("boom " + i));
      }
      // drain timeout zero: nothing more may be diagnosed, but every queued event must still go on,
      // in order
      assertThat(p.drainAndStop()).isTrue();
      slow.gate.countDown();
      assertThat(sink.events).hasSize(total);
      for (int i = 0; i < total; i++) {
        assertThat(sink.events.get(i)).isEqualTo("e" + i);
      }
      assertThat(sink.diagnoses)
          .allSatisfy(d -> assertThat(d.status()).isEqualTo(Diagnosis.Status.PENDING));
      assertThat(p.stats(0, "test").pending()).isEqualTo(total);
    }
  }

  @Test
  void stopWaitsForFollowUpsOfPendingEventsWithinTheDrain() throws Exception {
    RecordingSink sink = new RecordingSink();
    GatedClassifier slow = new GatedClassifier();
    try (Diagnoser dx = Diagnoser.builder().classifier(slow).locale(Locale.ENGLISH).build()) {
      DiagnosisPipeline<String> p =
          TestPipelines.start(
              dx,
              sink,
              ExceptionFilter.all(),
              16,
              OverflowPolicy.PASS_THROUGH,
              Duration.ofMillis(10),
              Duration.ZERO,
              Duration.ofSeconds(10),
              true,
              Duration.ofSeconds(60),
              "follow-up-drain");
      p.offer("early", new IllegalStateException("not ready yet"));
      waitFor(() -> sink.events.size() == 1); // went on as pending
      // the diagnosis completes while the drain is running: its follow-up must still be written
      new Thread(
              () -> {
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                slow.gate.countDown();
              })
          .start();
      assertThat(p.drainAndStop()).isTrue();
      assertThat(sink.followUps).containsExactly("early=ok");
      assertThat(sink.problems).isEmpty();
    }
  }

  private static IllegalStateException failAt(int id) {
    return new IllegalStateException("order " + id + " is not open");
  }

  static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!cond.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(cond.getAsBoolean()).as("condition within 10 s").isTrue();
  }
}
