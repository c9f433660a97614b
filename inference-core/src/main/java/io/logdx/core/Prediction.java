package io.logdx.core;

import java.util.Objects;

/** One category with its calibrated probability. Immutable. */
public final class Prediction {
  private final String label;
  private final double probability;

  public Prediction(String label, double probability) {
    this.label = Objects.requireNonNull(label, "label");
    this.probability = probability;
  }

  /** Taxonomy id. */
  public String label() { return label; }

  /** Calibrated probability, 0..1. */
  public double probability() { return probability; }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prediction && ((Prediction) o).label.equals(label)
        && Double.compare(((Prediction) o).probability, probability) == 0;
  }

  @Override
  public int hashCode() {
    return label.hashCode() * 31 + Double.hashCode(probability);
  }

  @Override
  public String toString() {
    return label + ":" + String.format(java.util.Locale.ROOT, "%.3f", probability);
  }
}
