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
 * @param members the trained networks (at least one)
 * @param temperatures each member's calibrated temperature
 */
public record Ensemble(List<BagMlp> members, float[] temperatures) {
  public Ensemble {
    members = List.copyOf(members);
    if (members.isEmpty()) throw new IllegalArgumentException("an ensemble needs a member");
    if (temperatures.length != members.size()) throw new IllegalArgumentException("one temperature per member");
    temperatures = temperatures.clone();
  }

  /** A single calibrated model. */
  public static Ensemble of(BagMlp model, float temperature) {
    return new Ensemble(List.of(model), new float[] {temperature});
  }

  public int size() {
    return members.size();
  }

  /** The mean of the members' calibrated probabilities. */
  public float[] probabilities(Sample s) {
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
}
