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
    return label + ":" + threeDecimals(probability);
  }

  /**
   * {@code String.format(Locale.ROOT, "%.3f", p)} for a probability, without the formatter: this runs for every
   * enriched event, and the formatter (a parse of the pattern, decimal symbols looked up per call) cost more
   * than all the rest of an event's fields together. Halves are rounded up, as the formatter does.
   */
  static String threeDecimals(double p) {
    if (!(p >= 0) || p >= 1_000_000) return String.format(java.util.Locale.ROOT, "%.3f", p);
    double scaled = p * 1000;
    double half = scaled - Math.floor(scaled);
    if (Math.abs(half - 0.5) < 1e-6) {
      // near a half the formatter rounds the shortest decimal form of p (0.5085 -> 0.509), not its binary value
      return new java.math.BigDecimal(Double.toString(p)).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
    }
    long r = Math.round(scaled);
    long whole = r / 1000;
    int frac = (int) (r % 1000);
    return whole + (frac < 10 ? ".00" : frac < 100 ? ".0" : ".") + frac;
  }
}
