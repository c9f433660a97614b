package io.logdx.core;

import java.util.List;
import java.util.Objects;

/** Stage 1's answer: categories ranked by probability and the model that gave them. Immutable. */
public final class Classification {
  private final List<Prediction> top;
  private final String model;

  /**
   * @param top predictions, most probable first; never empty
   * @param model model id and version, e.g. {@code logdx-stage1-lexical/0.1.0}
   */
  public Classification(List<Prediction> top, String model) {
    this.top = List.copyOf(top);
    if (this.top.isEmpty()) {
      throw new IllegalArgumentException("a classification needs at least one prediction");
    }
    this.model = Objects.requireNonNull(model, "model");
  }

  /** Predictions, most probable first. */
  public List<Prediction> top() { return top; }

  /** The most probable prediction. */
  public Prediction best() { return top.get(0); }

  /** Model id and version. */
  public String model() { return model; }

  @Override
  public String toString() {
    return model + " " + top;
  }
}
