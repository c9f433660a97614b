package io.logdx.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.Generator;
import io.logdx.core.Generator.Explanation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineTest {
  private static final Generator ECHO =
      (failure, c, locale) ->
          new Explanation(
              "root " + failure.rootCause().map(n -> n.type()).orElse("none"),
              "fix it",
              Locale.ENGLISH);

  /** Counts its calls; holds each call until released, so that concurrent requests pile up on a miss. */
  static final class CountingClassifier implements Classifier {
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public Classification classify(Failure failure) throws InterruptedException {
      calls.incrementAndGet();
      release.await();
      return new Classification(
          List.of(new Prediction("connection_refused", 0.9), new Prediction("unknown", 0.1)),
          "counting/1");
    }

    @Override
    public String id() {
      return "counting/1";
    }
  }

  private static RuntimeException refused(int port) {
    // same failure, other port and other request id each time: one fingerprint
    return new IllegalStateException(
        "request " + port * 31 + " failed",
        new java.net.ConnectException("Connection refused: localhost/127.0.0.1:" + port));
  }

  @Test
  void concurrentMissesOfOneFingerprintComputeOnce() throws Exception {
    CountingClassifier classifier = new CountingClassifier();
    int threads = 16;
    int perThread = 25;
    try (Diagnoser dx =
        Diagnoser.builder().classifier(classifier).generator(ECHO).workerThreads(4).build()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<List<CompletableFuture<Diagnosis>>>> submitted = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int id = t;
          submitted.add(
              pool.submit(
                  () -> {
                    start.await();
                    List<CompletableFuture<Diagnosis>> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++)
                      mine.add(dx.diagnose(refused(1000 + id * perThread + i)));
                    return mine;
                  }));
        }
        List<CompletableFuture<Diagnosis>> all = new ArrayList<>();
        for (Future<List<CompletableFuture<Diagnosis>>> f : submitted) all.addAll(f.get());
        assertThat(all).hasSize(threads * perThread).noneMatch(CompletableFuture::isDone);
        classifier.release.countDown();
        List<Diagnosis> done = all.stream().map(CompletableFuture::join).toList();
        assertThat(classifier.calls.get()).isEqualTo(1);
        assertThat(done)
            .allSatisfy(
                d -> {
                  assertThat(d.status()).isEqualTo(Diagnosis.Status.OK);
                  assertThat(d.category()).isEqualTo("connection_refused");
                  assertThat(d.fingerprint()).isEqualTo(done.get(0).fingerprint());
                });
        assertThat(dx.stats().computed()).isEqualTo(1);
        assertThat(dx.stats().requests()).isEqualTo(threads * perThread);
        assertThat(dx.stats().cacheHits()).isEqualTo(threads * perThread - 1);
        assertThat(dx.cached(done.get(0).fingerprint())).isPresent();

        // another failure is another computation
        dx.diagnose(
                new IllegalArgumentException("bad amount", new ArithmeticException("/ by zero")))
            .join();
        assertThat(classifier.calls.get()).isEqualTo(2);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static Diagnosis diagnoseWith(Classifier classifier, Generator generator) {
    try (Diagnoser dx = Diagnoser.builder().classifier(classifier).generator(generator).build()) {
      CompletableFuture<Diagnosis> f = dx.diagnose(new IllegalStateException("boom"));
      Diagnosis d = f.join();
      assertThat(f.isCompletedExceptionally()).isFalse();
      return d;
    }
  }

  interface Classify {
    Classification apply(Failure failure) throws Exception;
  }

  private static Classifier classifier(String id, Classify body) {
    return new Classifier() {
      @Override
      public Classification classify(Failure failure) throws Exception {
        return body.apply(failure);
      }

      @Override
      public String id() {
        return id;
      }
    };
  }

  private static Classifier throwing(Throwable t) {
    return new Classifier() {
      @Override
      public Classification classify(Failure failure) throws Exception {
        if (t instanceof Exception) throw (Exception) t;
        throw (Error) t;
      }

      @Override
      public String id() {
        return "throwing/1";
      }
    };
  }

  private static final Classifier FIXED =
      new Classifier() {
        @Override
        public Classification classify(Failure failure) {
          return new Classification(List.of(new Prediction("illegal_state", 0.8)), "fixed/1");
        }

        @Override
        public String id() {
          return "fixed/1";
        }
      };

  @Test
  void aFailingStageGivesAnErrorStatusNeverAnException() {
    // nothing may be logged on the way (Caffeine logs failed loads through System.Logger, i.e. JUL
    // here, which a host may bridge into the very appender that asked for the diagnosis)
    List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            logged.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.addHandler(capture);
    try {
      failingStages();
    } finally {
      root.removeHandler(capture);
    }
    assertThat(logged).isEmpty();
  }

  private static void failingStages() {
    for (Throwable t :
        List.of(
            new IllegalStateException("model broke"),
            new java.io.IOException("model file"),
            new UnsatisfiedLinkError("no onnxruntime in java.library.path"),
            new NoClassDefFoundError("ai/djl/Foo"),
            new ExceptionInInitializerError("static init"),
            new AssertionError("assert"),
            new StackOverflowError())) {
      Diagnosis d = diagnoseWith(throwing(t), ECHO);
      assertThat(d.status()).as(t.toString()).isEqualTo(Diagnosis.Status.ERROR);
      assertThat(d.category()).isEqualTo(Diagnosis.UNKNOWN);
      assertThat(d.rootCauseType()).contains("java.lang.IllegalStateException");
      assertThat(d.error()).isPresent();
    }
    Diagnosis stage2 =
        diagnoseWith(
            FIXED,
            (f, c, l) -> {
              throw new LinkageError("generator native code");
            });
    assertThat(stage2.status()).isEqualTo(Diagnosis.Status.ERROR);
    assertThat(stage2.category()).isEqualTo("illegal_state"); // stage 1's answer is kept
    assertThat(diagnoseWith(FIXED, (f, c, l) -> null).status()).isEqualTo(Diagnosis.Status.ERROR);
    assertThat(diagnoseWith(classifier("null/1", failure -> null), ECHO).status())
        .isEqualTo(Diagnosis.Status.ERROR);
  }

  @Test
  void anErrorIsNotCachedSoTheNextOccurrenceTriesAgain() {
    AtomicInteger calls = new AtomicInteger();
    Classifier flaky =
        classifier(
            "flaky/1",
            failure -> {
              if (calls.incrementAndGet() == 1) throw new IllegalStateException("warming up");
              return new Classification(List.of(new Prediction("illegal_state", 0.7)), "flaky/1");
            });
    try (Diagnoser dx = Diagnoser.builder().classifier(flaky).generator(ECHO).build()) {
      assertThat(dx.diagnose(new IllegalStateException("x")).join().status())
          .isEqualTo(Diagnosis.Status.ERROR);
      assertThat(dx.diagnose(new IllegalStateException("x")).join().status())
          .isEqualTo(Diagnosis.Status.OK);
      assertThat(dx.diagnose(new IllegalStateException("x")).join().status())
          .isEqualTo(Diagnosis.Status.OK);
      assertThat(calls.get()).isEqualTo(2);
    }
  }

  @Test
  void aSlowClassifierRunsOutOfTheTimeBudgetAndLandsInTheCacheLater() {
    CountingClassifier slow = new CountingClassifier();
    try (Diagnoser dx =
        Diagnoser.builder()
            .classifier(slow)
            .generator(ECHO)
            .timeBudget(Duration.ofMillis(50))
            .build()) {
      Failure f = dx.parse(new IllegalStateException("slow"));
      Diagnosis first = dx.diagnoseNow(f);
      assertThat(first.status()).isEqualTo(Diagnosis.Status.TIMEOUT);
      assertThat(first.fingerprint()).isEqualTo(f.fingerprint());
      assertThat(first.rootCauseType()).contains("java.lang.IllegalStateException");
      assertThat(dx.stats().timeouts()).isEqualTo(1);
      slow.release.countDown();
      assertThat(dx.diagnose(f).join().status()).isEqualTo(Diagnosis.Status.OK);
      assertThat(dx.diagnoseNow(f).status()).isEqualTo(Diagnosis.Status.OK);
      assertThat(slow.calls.get()).isEqualTo(1);
    }
  }

  @Test
  void aClosedEngineAnswersWithAnErrorStatus() {
    Diagnoser dx = Diagnoser.builder().classifier(FIXED).generator(ECHO).build();
    dx.close();
    dx.close(); // idempotent
    Diagnosis d = dx.diagnose(new IllegalStateException("late")).join();
    assertThat(d.status()).isEqualTo(Diagnosis.Status.ERROR);
  }

  @Test
  void badInputsAreDiagnosedAsUnknownWithoutAnException() {
    try (Diagnoser dx = Diagnoser.builder().classifier(FIXED).generator(ECHO).build()) {
      assertThat(dx.diagnoseNow((Throwable) null).rootCauseType()).isEmpty();
      assertThat(dx.diagnoseNow((String) null).rootCauseType()).isEmpty();
      assertThat(dx.diagnoseNow(new Hostile()).fingerprint()).hasSize(16);
    }
  }

  /** An exception whose message and text throw (as {@code BadInputTest.Hostile} of the parser's tests). */
  private static final class Hostile extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new IllegalStateException("getMessage is broken");
    }

    @Override
    public String toString() {
      throw new UnsupportedOperationException("toString is broken");
    }
  }
}
