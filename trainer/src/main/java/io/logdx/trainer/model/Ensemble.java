package io.logdx.trainer.model;

import java.util.List;

/**
 * Several {@link BagMlp}s trained on the same data from different seeds, each calibrated on its own (temperature on
 * validation); the ensemble's probabilities are the mean of the members' calibrated probabilities, which is what
 * the engine computes from the members' exported graphs ({@code io.logdx.core.stage1.OnnxClassifier}).
 *
 * <p>Why: one member's ranking depends on its seed by several points of dev top-1 (2–5 measured across seeds on
 * one data version), most of it on failures unlike the training data, where a single model is often confidently
 * wrong; averaging members cancels much of that seed noise. One member is a plain model.
 *
 * <p>The mean of calibrated members is itself less confident than it is right (each member's doubt adds up), so
 * the mean gets a temperature of its own, fitted on validation like the members' ({@link #meanTemperature}):
 * {@code p_i ∝ mean_i^(1/T)}. It changes confidences, never the ranking.
 *
 * @param members the trained networks (at least one)
 * @param temperatures each member's calibrated temperature
 * @param meanTemperature the temperature of the mean (1 for one member)
 */
public record Ensemble(List<BagMlp> members, float[] temperatures, float meanTemperature) {
  public Ensemble {
    members = List.copyOf(members);
    if (members.isEmpty()) throw new IllegalArgumentException("an ensemble needs a member");
    if (temperatures.length != members.size())
      throw new IllegalArgumentException("one temperature per member");
    if (!(meanTemperature > 0))
      throw new IllegalArgumentException("meanTemperature must be > 0: " + meanTemperature);
    temperatures = temperatures.clone();
  }

  /** Members whose mean is not recalibrated (yet). */
  public Ensemble(List<BagMlp> members, float[] temperatures) {
    this(members, temperatures, 1f);
  }

  /** A single calibrated model. */
  public static Ensemble of(BagMlp model, float temperature) {
    return new Ensemble(List.of(model), new float[] {temperature});
  }

  /** This ensemble with the mean's temperature set. */
  public Ensemble withMeanTemperature(float t) {
    return new Ensemble(members, temperatures, t);
  }

  /** The log of the members' mean probabilities: the "logits" that {@link #meanTemperature} is fitted on. */
  public float[] logMean(Sample s) {
    float[] m = mean(s);
    for (int i = 0; i < m.length; i++) m[i] = (float) Math.log(Math.max(m[i], MIN_P));
    return m;
  }

  /** Floor of a probability before its log (a member's softmax may underflow to 0). */
  public static final float MIN_P = 1e-30f;

  public int size() {
    return members.size();
  }

  /** The ensemble's calibrated probabilities: the members' mean, with the mean's temperature applied. */
  public float[] probabilities(Sample s) {
    float[] mean = mean(s);
    return meanTemperature == 1f ? mean : sharpen(mean, meanTemperature);
  }

  /** The mean of the members' calibrated probabilities. */
  float[] mean(Sample s) {
    float[] mean = members.get(0).probabilities(s, temperatures[0]);
    if (members.size() == 1) return mean;
    for (int k = 1; k < members.size(); k++) {
      float[] p = members.get(k).probabilities(s, temperatures[k]);
      for (int i = 0; i < mean.length; i++) mean[i] += p[i];
    }
    float n = members.size();
    for (int i = 0; i < mean.length; i++) mean[i] /= n;
    return mean;
  }

  /** {@code p_i^(1/t)}, normalised: what the engine applies to the mean (see OnnxClassifier). */
  static float[] sharpen(float[] p, float t) {
    float[] z = new float[p.length];
    for (int i = 0; i < p.length; i++) z[i] = (float) Math.log(Math.max(p[i], MIN_P));
    return BagMlp.softmax(z, 1f / t);
  }
}
