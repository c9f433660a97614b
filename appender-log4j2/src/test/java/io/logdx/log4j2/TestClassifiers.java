package io.logdx.log4j2;

import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Failure;
import io.logdx.core.engine.Diagnoser;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Stage 1 stand-ins for the test seam {@link DiagnosingAppender#diagnoserFactory}. */
final class TestClassifiers {
  private TestClassifiers() {}

  /** The deliberately slow stage: the rules, but only once the gate is opened (or after 20 s). */
  static final class Gated implements Classifier {
    final CountDownLatch gate = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();
    private final Classifier rules = Diagnoser.loadClassifier(Diagnoser.Builder.RULES_MODEL);

    void open() {
      gate.countDown();
    }

    @Override
    public Classification classify(Failure failure) throws Exception {
      calls.incrementAndGet();
      gate.await(20, TimeUnit.SECONDS);
      return rules.classify(failure);
    }

    @Override
    public String id() {
      return "gated-rules/1";
    }
  }

  /** A model that fails on every call, as a broken native model would. */
  static final class Failing implements Classifier {
    @Override
    public Classification classify(Failure failure) {
      throw new IllegalStateException("model session is broken");
    }

    @Override
    public String id() {
      return "broken-model/1";
    }
  }
}
