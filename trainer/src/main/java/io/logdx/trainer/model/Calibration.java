package io.logdx.trainer.model;

import java.util.List;

/**
 * Temperature scaling (one scalar that minimises the validation negative log-likelihood) and the threshold below
 * which the answer becomes {@code unknown}. Both are fitted on the validation split of the training data.
 */
public final class Calibration {
  private Calibration() {}

  /** The temperature in [0.05, 20] that minimises the mean NLL of the logits (golden-section search on log T). */
  public static float temperature(List<float[]> logits, int[] gold) {
    double lo = Math.log(0.05);
    double hi = Math.log(20);
    double g = (Math.sqrt(5) - 1) / 2;
    double a = hi - g * (hi - lo);
    double b = lo + g * (hi - lo);
    double fa = nll(logits, gold, Math.exp(a));
    double fb = nll(logits, gold, Math.exp(b));
    for (int i = 0; i < 60; i++) {
      if (fa < fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - g * (hi - lo);
        fa = nll(logits, gold, Math.exp(a));
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + g * (hi - lo);
        fb = nll(logits, gold, Math.exp(b));
      }
    }
    return (float) Math.exp((lo + hi) / 2);
  }

  public static double nll(List<float[]> logits, int[] gold, double t) {
    double sum = 0;
    for (int i = 0; i < gold.length; i++) {
      float[] z = logits.get(i);
      double max = Double.NEGATIVE_INFINITY;
      for (float v : z) max = Math.max(max, v / t);
      double s = 0;
      for (float v : z) s += Math.exp(v / t - max);
      sum += -(z[gold[i]] / t - max - Math.log(s));
    }
    return sum / Math.max(1, gold.length);
  }

  /** Expected calibration error over 10 equal-width confidence bins. */
  public static double ece(List<float[]> probs, int[] gold) {
    int bins = 10;
    double[] conf = new double[bins];
    double[] acc = new double[bins];
    int[] n = new int[bins];
    for (int i = 0; i < gold.length; i++) {
      float[] p = probs.get(i);
      int arg = 0;
      for (int c = 1; c < p.length; c++) if (p[c] > p[arg]) arg = c;
      int b = Math.min(bins - 1, (int) (p[arg] * bins));
      conf[b] += p[arg];
      acc[b] += arg == gold[i] ? 1 : 0;
      n[b]++;
    }
    double e = 0;
    for (int b = 0; b < bins; b++) {
      if (n[b] > 0) e += Math.abs(conf[b] - acc[b]) / gold.length;
    }
    return e;
  }

  /**
   * The threshold in [0, 0.6] (steps of 0.025) that maximises validation accuracy when every answer below it
   * becomes {@code unknown} (right only when the gold label is unknown). Ties go to the lower threshold.
   */
  public static float unknownThreshold(List<float[]> probs, int[] gold, int unknownIndex) {
    float best = 0;
    long bestCorrect = -1;
    for (int step = 0; step <= 24; step++) {
      float t = step * 0.025f;
      long correct = 0;
      for (int i = 0; i < gold.length; i++) {
        float[] p = probs.get(i);
        int arg = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[arg]) arg = c;
        int answer = p[arg] < t ? unknownIndex : arg;
        if (answer == gold[i]) correct++;
      }
      if (correct > bestCorrect) {
        bestCorrect = correct;
        best = t;
      }
    }
    return best;
  }
}
