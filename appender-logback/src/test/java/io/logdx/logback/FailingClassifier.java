package io.logdx.logback;

import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Failure;

/** A model that fails on every input, as a broken model file or native library would. */
public class FailingClassifier implements Classifier {
  /** Made by Joran from the test configurations. */
  public FailingClassifier() {}

  @Override
  public Classification classify(Failure failure) {
    throw new IllegalStateException("model exploded");
  }

  @Override
  public String id() {
    return "failing/1";
  }
}
