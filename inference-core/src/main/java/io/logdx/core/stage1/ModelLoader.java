package io.logdx.core.stage1;

import io.logdx.core.Classifier;

/**
 * Loads stage 1: the one way from a model location to a {@link Classifier}, for the engine, the trainer and the
 * benchmarks; the rules and the ONNX model's files stay behind it. The shipped ONNX model when it is on the
 * classpath; the rule-based classifier when it is not, when it fails to load, or when asked for with
 * {@code rules}.
 */
public final class ModelLoader {
  /** The shipped model. */
  public static final String DEFAULT = "default";

  /** The rule-based classifier. */
  public static final String RULES = "rules";

  /** Model id (with version) of the rule-based classifier; a fallback's id adds the reason after it. */
  public static final String RULES_ID = RuleBasedClassifier.ID;

  /** Why the rules stand in while a model loads in the background: the id reads {@code <RULES_ID> (model loading)}. */
  public static final String LOADING = "model loading";

  private ModelLoader() {}

  /**
   * The rule-based classifier standing in for a model, the reason after its id ({@code fallback: ...},
   * {@link #LOADING}).
   */
  public static Classifier rules(String reason) {
    return new RuleBasedClassifier(reason);
  }

  /** Never throws: a model that cannot load gives the rule-based classifier. */
  public static Classifier load(String location) {
    if (RULES.equals(location)) {
      return new RuleBasedClassifier();
    }
    try {
      Classifier onnx = OnnxModels.classifier(location);
      if (onnx != null) return onnx;
    } catch (Exception | LinkageError e) {
      return new RuleBasedClassifier("fallback: " + e.getClass().getSimpleName());
    }
    return new RuleBasedClassifier();
  }
}
