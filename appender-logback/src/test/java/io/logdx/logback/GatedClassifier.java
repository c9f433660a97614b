package io.logdx.logback;

import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Failure;
import io.logdx.core.engine.Diagnoser;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The deliberately slow stage: classifies with the rules, but only once the test opens the gate. Configured in
 * XML as {@code <classifier class="io.logdx.logback.GatedClassifier"/>}; the gate is static because Joran
 * creates the instance.
 */
public class GatedClassifier implements Classifier {
  /** Made by Joran from the test configurations. */
  public GatedClassifier() {}

  static volatile CountDownLatch gate = new CountDownLatch(1);
  static final java.util.concurrent.atomic.AtomicInteger CALLS = new java.util.concurrent.atomic.AtomicInteger();

  private final Classifier rules = Diagnoser.loadClassifier(Diagnoser.Builder.RULES_MODEL);

  static void closeGate() {
    gate = new CountDownLatch(1);
    CALLS.set(0);
  }

  static void openGate() {
    gate.countDown();
  }

  @Override
  public Classification classify(Failure failure) throws Exception {
    CALLS.incrementAndGet();
    if (!gate.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("gate never opened");
    }
    return rules.classify(failure);
  }

  @Override
  public String id() {
    return "gated-rules/1";
  }
}
