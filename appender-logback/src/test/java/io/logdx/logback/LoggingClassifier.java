package io.logdx.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Failure;
import io.logdx.core.engine.Diagnoser;

/**
 * A model that logs an error with an exception through the application's logger while it classifies, as a
 * native runtime or a library under the model might: those events must pass through, undiagnosed, not loop.
 */
public class LoggingClassifier extends ContextAwareBase implements Classifier {
  /** Made by Joran from the test configurations. */
  public LoggingClassifier() {}

  private final Classifier rules = Diagnoser.loadClassifier(Diagnoser.Builder.RULES_MODEL);

  @Override
  public Classification classify(Failure failure) throws Exception {
    ((LoggerContext) getContext()).getLogger("com.acme.Payments")
        .error("warning from inside the model", new IllegalStateException("model noise"));
    return rules.classify(failure);
  }

  @Override
  public String id() {
    return "logging-rules/1";
  }
}
