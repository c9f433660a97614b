package io.logdx.core.stage1;

import io.logdx.core.Classifier;

/**
 * Loads stage 1. The shipped ONNX model when it is on the classpath; the rule-based classifier when it is
 * not, when it fails to load, or when asked for with {@code rules}.
 */
public final class ModelLoader {
  /** The shipped model. */
  public static final String DEFAULT = "default";
  /** The rule-based classifier. */
  public static final String RULES = "rules";

  private ModelLoader() {}

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
