package io.logdx.log4j2;

import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier;
import io.logdx.core.Failure;
import io.logdx.core.engine.Diagnoser;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Stage 1 stand-ins for the test seam {@link DiagnosingAppender#diagnoserFactory}. */
final class TestClassifiers {
  private TestClassifiers() {}

  /**
   * The deliberately slow stage: the rules, but only once the gate is opened (or after 20 s); or, made with
   * {@link #broken()}, a model that fails on every call, as a broken native model would.
   */
  static final class Gated implements Classifier {
    final CountDownLatch gate = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();
    private final Classifier rules = Diagnoser.loadClassifier(Diagnoser.Builder.RULES_MODEL);
    private final boolean broken;

    Gated() {
      this(false);
    }

    private Gated(boolean broken) {
      this.broken = broken;
    }

    static Gated broken() {
      return new Gated(true);
    }

    void open() {
      gate.countDown();
    }

    @Override
    public Classification classify(Failure failure) throws Exception {
      calls.incrementAndGet();
      if (broken) throw new IllegalStateException("model session is broken");
      gate.await(20, TimeUnit.SECONDS);
      return rules.classify(failure);
    }

    @Override
    public String id() {
      return broken ? "broken-model/1" : "gated-rules/1";
    }
  }
}
