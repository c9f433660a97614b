package io.logdx.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Diagnoser.Builder#loadInBackground}: {@code build()} returns while the model is still loading (the load
 * waits on a gate the test opens), the rules answer and say so in {@code diagnosis.model}, and the loaded model
 * takes over, the rules' cached diagnoses with it gone. No timing: the gate orders everything.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackgroundLoadTest {

  /** A model that names itself in every classification and records whether it was closed. */
  static final class SlowModel implements Classifier {
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public Classification classify(Failure failure) {
      return new Classification(List.of(new Prediction("db_pool_exhausted", 0.9)), id());
    }

    @Override
    public String id() {
      return "slow-model/1";
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  /** A loader that waits for the gate: the background load the test holds open. */
  private static Diagnoser.Builder gated(CountDownLatch gate, Classifier loaded) {
    Diagnoser.Builder b = Diagnoser.builder().model("somewhere").loadInBackground(true);
    b.loader =
        location -> {
          try {
            gate.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return loaded;
        };
    return b;
  }

  private static RuntimeException refused() {
    return new IllegalStateException(
        "call failed",
        new java.net.ConnectException("Connection refused: localhost/127.0.0.1:5432"));
  }

  @Test
  void theRulesAnswerUntilTheModelIsInThenTheModelWithTheRulesDiagnosesDropped() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    SlowModel model = new SlowModel();
    try (Diagnoser dx = gated(gate, model).build()) {
      // build() returned with the load still held at the gate
      assertThat(dx.modelReady()).isNotDone();
      assertThat(dx.modelId()).isEqualTo(Diagnoser.Builder.LOADING_ID);
      Failure f = dx.parse(refused());
      Diagnosis byRules = dx.diagnoseNow(f);
      assertThat(byRules.status()).isEqualTo(Diagnosis.Status.OK);
      assertThat(byRules.model()).isEqualTo(Diagnoser.Builder.LOADING_ID);
      assertThat(byRules.category()).isEqualTo("connection_refused");
      assertThat(dx.cached(f.fingerprint())).isPresent();

      gate.countDown();
      assertThat(dx.modelReady().get(30, TimeUnit.SECONDS)).isEqualTo("slow-model/1");
      assertThat(dx.modelId()).isEqualTo("slow-model/1");
      // the rules' diagnosis left the cache with the swap: the model answers the next occurrence
      assertThat(dx.cached(f.fingerprint())).isEmpty();
      Diagnosis byModel = dx.diagnoseNow(dx.parse(refused()));
      assertThat(byModel.model()).isEqualTo("slow-model/1");
      assertThat(byModel.category()).isEqualTo("db_pool_exhausted");
    }
    assertThat(model.closed).as("the loaded model is the engine's to close").isTrue();
  }

  @Test
  void aFailedLoadKeepsTheRulesAndSaysWhy() throws Exception {
    Diagnoser.Builder b = Diagnoser.builder().model("somewhere").loadInBackground(true);
    b.loader =
        location -> {
          throw new UnsatisfiedLinkError("no onnxruntime in java.library.path");
        };
    try (Diagnoser dx = b.build()) {
      String id = dx.modelReady().get(30, TimeUnit.SECONDS);
      assertThat(id)
          .startsWith(Diagnoser.Builder.RULES_ID)
          .contains("fallback: UnsatisfiedLinkError");
      Diagnosis d = dx.diagnoseNow(refused());
      assertThat(d.model()).isEqualTo(id);
      assertThat(d.category()).isEqualTo("connection_refused");
    }
  }

  @Test
  void aModelThatArrivesAfterCloseIsClosedNotUsed() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    SlowModel model = new SlowModel();
    Diagnoser dx = gated(gate, model).build();
    dx.close();
    gate.countDown();
    dx.modelReady().get(30, TimeUnit.SECONDS);
    assertThat(model.closed).isTrue();
    assertThat(dx.modelId()).isEqualTo(Diagnoser.Builder.LOADING_ID);
  }

  @Test
  void blockingIsTheDefaultAndLoadsBeforeBuildReturns() throws Exception {
    AtomicReference<String> loaderThread = new AtomicReference<>();
    SlowModel model = new SlowModel();
    Diagnoser.Builder b = Diagnoser.builder().model("somewhere");
    b.loader =
        location -> {
          loaderThread.set(Thread.currentThread().getName());
          return model;
        };
    try (Diagnoser dx = b.build()) {
      assertThat(loaderThread.get()).isEqualTo(Thread.currentThread().getName());
      assertThat(dx.modelReady()).isCompletedWithValue("slow-model/1");
      assertThat(dx.diagnoseNow(refused()).model()).isEqualTo("slow-model/1");
    }
  }

  @Test
  void theRulesAskedForNeedNoBackgroundLoad() {
    try (Diagnoser dx =
        Diagnoser.builder().model(Diagnoser.Builder.RULES_MODEL).loadInBackground(true).build()) {
      assertThat(dx.modelReady()).isCompletedWithValue(Diagnoser.Builder.RULES_ID);
    }
  }
}
