package io.logdx.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A flood of never-seen failures is refused past the backlog bound instead of growing without end, and past the
 * model-time budget instead of taking the host's cores.
 */
class EngineBacklogTest {

  @Test
  void refusesPastTheBacklogAndRetriesLater() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Classifier stuck =
        new Classifier() {
          @Override
          public Classification classify(Failure failure) throws Exception {
            gate.await(30, TimeUnit.SECONDS);
            return new Classification(List.of(new Prediction("illegal_state", 0.9)), id());
          }

          @Override
          public String id() {
            return "stuck/1";
          }
        };
    try (Diagnoser dx =
        Diagnoser.builder().classifier(stuck).cacheSize(100_000).locale(Locale.ENGLISH).build()) {
      List<CompletableFuture<Diagnosis>> futures = new ArrayList<>();
      int total = Engine.MAX_BACKLOG + 50;
      for (int i = 0; i < total; i++) {
        // letters survive the fingerprint's normalisation: every failure is a new one
        futures.add(dx.diagnose(new IllegalStateException("state " + word(i) + " is wrong")));
      }
      List<Diagnosis> refused = new ArrayList<>();
      for (CompletableFuture<Diagnosis> f : futures) {
        if (f.isDone()) refused.add(f.join());
      }
      assertThat(refused).hasSizeBetween(40, 50);
      assertThat(refused)
          .allSatisfy(
              d -> {
                assertThat(d.status()).isEqualTo(Diagnosis.Status.REFUSED);
                assertThat(d.error()).hasValueSatisfying(e -> assertThat(e).contains("busy"));
              });
      gate.countDown();
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
          .get(60, TimeUnit.SECONDS);
      // nothing was cached for a refused failure: once the backlog is gone it is diagnosed
      Diagnosis retried =
          dx.diagnoseNow(new IllegalStateException("state " + word(total - 1) + " is wrong"));
      assertThat(retried.status()).isEqualTo(Diagnosis.Status.OK);
    }
  }

  @Test
  void askingWhetherAFailureIsCachedWhileItIsDiagnosedLeavesNothingBehind() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Classifier slow =
        new Classifier() {
          @Override
          public Classification classify(Failure failure) throws Exception {
            gate.await(30, TimeUnit.SECONDS);
            return new Classification(List.of(new Prediction("illegal_state", 0.9)), id());
          }

          @Override
          public String id() {
            return "slow/1";
          }
        };
    java.util.concurrent.atomic.AtomicInteger explained =
        new java.util.concurrent.atomic.AtomicInteger();
    io.logdx.core.Generator counting =
        (failure, c, locale) -> {
          explained.incrementAndGet();
          return new io.logdx.core.Generator.Explanation("cause", "fix", locale);
        };
    try (Diagnoser dx =
        Diagnoser.builder().classifier(slow).generator(counting).locale(Locale.ENGLISH).build()) {
      // one failure family (numbers are shaped away), every occurrence with values of its own
      assertThat(dx.diagnoseIfCached(dx.parse(new IllegalStateException("order 0 is not open"))))
          .isEmpty();
      for (int i = 1; i <= 2_000; i++) {
        assertThat(
                dx.diagnoseIfCached(
                    dx.parse(new IllegalStateException("order " + i + " is not open"))))
            .isEmpty();
      }
      gate.countDown();
      Diagnosis d = null;
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (d == null && System.nanoTime() < until) {
        d =
            dx.diagnoseIfCached(dx.parse(new IllegalStateException("order 7 is not open")))
                .orElse(null);
        if (d == null) Thread.sleep(5);
      }
      assertThat(d).isNotNull();
      assertThat(d.status()).isEqualTo(Diagnosis.Status.OK);
      assertThat(d.rootCauseMessage()).hasValue("order 7 is not open");
      Thread.sleep(100);
      // the computation, and the answer told with the last occurrence's values: no stage of the 2
      // 000 questions asked in flight was left on the computation to be run when it completed
      assertThat(explained.get()).isEqualTo(2);
    }
  }

  private static String word(int i) {
    StringBuilder sb = new StringBuilder();
    int n = i + 1;
    while (n > 0) {
      sb.append((char) ('a' + n % 26));
      n /= 26;
    }
    return sb.toString();
  }
}
