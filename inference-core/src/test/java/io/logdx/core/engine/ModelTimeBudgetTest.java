package io.logdx.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Never-seen failures past the model-time budget are refused (not cached); cached ones are always answered. */
class ModelTimeBudgetTest {

  /** A classifier that takes 200 ms a failure: far more than the budget below holds. */
  private static final class Slow implements Classifier {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Classification classify(Failure failure) throws Exception {
      calls.incrementAndGet();
      Thread.sleep(200);
      return new Classification(List.of(new Prediction("illegal_state", 0.9)), id());
    }

    @Override
    public String id() {
      return "slow/1";
    }
  }

  @Test
  void refusesNewFailuresWhileTheBudgetIsSpentAndTriesAgainOnceItRefilled() throws Exception {
    Slow slow = new Slow();
    // half a core on average, 1 ms at once: one 200 ms run overdraws the bucket for about 400 ms
    try (Diagnoser dx =
        Diagnoser.builder()
            .classifier(slow)
            .modelTimeShare(0.5)
            .modelTimeBurst(Duration.ofMillis(1))
            .timeBudget(Duration.ofSeconds(30))
            .locale(Locale.ENGLISH)
            .build()) {
      Diagnosis first = dx.diagnoseNow(new IllegalStateException("order alpha is closed"));
      assertThat(first.status()).isEqualTo(Diagnosis.Status.OK);

      Diagnosis refused = dx.diagnoseNow(new IllegalStateException("order beta is closed"));
      assertThat(refused.status()).isEqualTo(Diagnosis.Status.REFUSED);
      assertThat(refused.error())
          .hasValueSatisfying(e -> assertThat(e).contains("model-time budget"));
      assertThat(refused.category()).isEqualTo(Diagnosis.UNKNOWN);
      // a cached diagnosis costs no model time: it is answered while the budget is spent
      assertThat(dx.diagnoseNow(new IllegalStateException("order alpha is closed")).status())
          .isEqualTo(Diagnosis.Status.OK);
      assertThat(slow.calls.get()).isEqualTo(1);

      Thread.sleep(1_500);
      // nothing was cached for the refused failure: with the budget back it is diagnosed
      Diagnosis retried = dx.diagnoseNow(new IllegalStateException("order beta is closed"));
      assertThat(retried.status()).isEqualTo(Diagnosis.Status.OK);
      assertThat(slow.calls.get()).isEqualTo(2);
    }
  }

  @Test
  void anInfiniteShareNeverRefuses() {
    ModelTimeBudget b = new ModelTimeBudget(Double.POSITIVE_INFINITY, 0);
    b.charge(Duration.ofHours(1).toNanos());
    assertThat(b.tryAcquire()).isTrue();
  }

  @Test
  void theBurstCapsWhatAQuietPeriodSaves() throws Exception {
    ModelTimeBudget b = new ModelTimeBudget(1.0, Duration.ofMillis(10).toNanos());
    Thread.sleep(100);
    // uncapped, the quiet 100 ms would have saved 100 ms of model time; capped at 10 ms, a 1 s run
    // overdraws the bucket for about a second
    b.charge(Duration.ofSeconds(1).toNanos());
    assertThat(b.tryAcquire()).isFalse();
  }
}
