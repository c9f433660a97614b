package io.logdx.trainer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains a {@link BagMlp}: class-weighted cross-entropy with label smoothing, AdamW (lazy for the embedding rows
 * a batch touched, dense for the head), feature dropout, early stopping on the validation macro-F1 (best epoch
 * kept). Single-threaded and seeded: the same data and config give the same model bit for bit.
 */
public final class Fit {
  /** One epoch of the training history. */
  public record Epoch(
      int epoch,
      double trainLoss,
      double valLoss,
      double valTop1,
      double valTop3,
      double valMacroF1,
      double trainTop1,
      double seconds) {}

  /** The outcome: the best model and the history of every epoch run. */
  public record Result(BagMlp model, List<Epoch> history, int bestEpoch, float[] classWeights) {}

  private static final float B1 = 0.9f;
  private static final float B2 = 0.999f;
  private static final float EPS = 1e-8f;

  private Fit() {}

  public static Result train(
      List<Sample> train,
      List<Sample> val,
      int classes,
      int buckets,
      int denseDim,
      TrainConfig cfg,
      Consumer<String> log) {
    BagMlp m =
        new BagMlp(buckets, SEGMENTS, cfg.dim(), denseDim, cfg.hidden(), classes, cfg.seed());
    boolean[] everTouched = new boolean[Math.max(1, m.buckets)];
    float[] cw = classWeights(train, classes, cfg.classWeightPower());
    Adam aEmb = new Adam(m.emb.length);
    Adam aW1 = new Adam(m.w1.length);
    Adam aB1 = new Adam(m.b1.length);
    Adam aW2 = new Adam(m.w2.length);
    Adam aB2 = new Adam(m.b2.length);
    int[] embStep = new int[Math.max(1, m.buckets)];
    float[] gEmb = new float[m.emb.length];
    boolean[] touched = new boolean[Math.max(1, m.buckets)];
    int[] touchedList = new int[Math.max(1, m.buckets)];
    float[] gW1 = new float[m.w1.length];
    float[] gB1 = new float[m.b1.length];
    float[] gW2 = new float[m.w2.length];
    float[] gB2 = new float[m.b2.length];
    BagMlp.Pass p = m.pass();
    SplittableRandom rnd = new SplittableRandom(cfg.seed() ^ 0x5DEECE66DL);
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    int[] kept = new int[4096];
    int[] keptSeg = new int[4096];
    List<Epoch> history = new ArrayList<>();
    BagMlp best = m.copy();
    double bestF1 = -1;
    int bestEpoch = 0;
    int since = 0;
    int step = 0;
    float smooth = cfg.smoothing() / classes;
    for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
      long t0 = System.nanoTime();
      shuffle(order, rnd);
      double lossSum = 0;
      double weightSum = 0;
      int correct = 0;
      for (int start = 0; start < order.length; start += cfg.batch()) {
        int end = Math.min(order.length, start + cfg.batch());
        int nTouched = 0;
        Arrays.fill(gW1, 0f);
        Arrays.fill(gB1, 0f);
        Arrays.fill(gW2, 0f);
        Arrays.fill(gB2, 0f);
        float batchWeight = 0;
        for (int b = start; b < end; b++)
          batchWeight += train.get(order[b]).weight() * cw[train.get(order[b]).label()];
        if (batchWeight <= 0) continue;
        for (int b = start; b < end; b++) {
          Sample s = train.get(order[b]);
          // feature dropout; the segment markers (the first SEGMENTS ids) always stay
          int n = 0;
          int[] ids = s.ids();
          int[] segs = s.segments();
          if (kept.length < ids.length) {
            kept = new int[ids.length * 2];
            keptSeg = new int[ids.length * 2];
          }
          for (int k = 0; k < ids.length; k++) {
            if (k < SEGMENTS
                || cfg.featureDropout() <= 0
                || rnd.nextDouble() >= cfg.featureDropout()) {
              kept[n] = ids[k];
              keptSeg[n++] = segs[k];
            }
          }
          float[] z = m.forward(kept, keptSeg, n, s.dense(), p);
          float[] prob = BagMlp.softmax(z, 1f);
          float w = s.weight() * cw[s.label()] / batchWeight;
          double loss = 0;
          int arg = 0;
          for (int c = 0; c < classes; c++) {
            float q = smooth + (c == s.label() ? 1f - cfg.smoothing() : 0f);
            loss -= q * Math.log(Math.max(prob[c], 1e-12f));
            p.dz[c] = w * (prob[c] - q);
            if (prob[c] > prob[arg]) arg = c;
          }
          if (arg == s.label()) correct++;
          lossSum += loss * s.weight() * cw[s.label()];
          weightSum += s.weight() * cw[s.label()];
          // output layer
          Arrays.fill(p.dh, 0f);
          for (int c = 0; c < classes; c++) {
            float d = p.dz[c];
            if (d == 0f) continue;
            gB2[c] += d;
            int base = c * m.hidden;
            for (int h = 0; h < m.hidden; h++) {
              gW2[base + h] += d * p.h[h];
              p.dh[h] += d * m.w2[base + h];
            }
          }
          // hidden layer (ReLU)
          Arrays.fill(p.dx, 0f);
          for (int h = 0; h < m.hidden; h++) {
            if (p.h[h] <= 0f) continue;
            float d = p.dh[h];
            gB1[h] += d;
            int base = h * m.in;
            for (int i = 0; i < m.in; i++) {
              gW1[base + i] += d * p.x[i];
              p.dx[i] += d * m.w1[base + i];
            }
          }
          // embedding bags: each kept id gets its segment's dx times its averaging weight
          if (m.dim > 0 && n > 0) {
            float[] inv = p.inv; // still holds this sample's weights from forward
            for (int k = 0; k < n; k++) {
              int id = kept[k];
              if (!touched[id]) {
                touched[id] = true;
                everTouched[id] = true;
                touchedList[nTouched++] = id;
              }
              int base = id * m.dim;
              int off = keptSeg[k] * m.dim;
              float ws = inv[keptSeg[k]];
              for (int j = 0; j < m.dim; j++) gEmb[base + j] += p.dx[off + j] * ws;
            }
          }
        }
        step++;
        aW1.step(m.w1, gW1, step, cfg.lr(), cfg.weightDecay());
        aB1.step(m.b1, gB1, step, cfg.lr(), 0f);
        aW2.step(m.w2, gW2, step, cfg.lr(), cfg.weightDecay());
        aB2.step(m.b2, gB2, step, cfg.lr(), 0f);
        // lazy AdamW on the rows this batch touched, each with its own step count
        for (int t = 0; t < nTouched; t++) {
          int id = touchedList[t];
          touched[id] = false;
          int s = ++embStep[id];
          aEmb.stepRange(m.emb, gEmb, id * m.dim, m.dim, s, cfg.lr(), cfg.weightDecay());
        }
      }
      // rows never touched by training hold their random start: zero them, as the exported model
      // will have them
      BagMlp snapshot = m.copy();
      if (snapshot.dim > 0) snapshot.zeroRows(everTouched);
      Eval ev = evaluate(snapshot, val, classes, cw, cfg.smoothing());
      double secs = (System.nanoTime() - t0) / 1e9;
      Epoch e =
          new Epoch(
              epoch,
              lossSum / Math.max(1e-9, weightSum),
              ev.loss,
              ev.top1,
              ev.top3,
              ev.macroF1,
              (double) correct / Math.max(1, train.size()),
              secs);
      history.add(e);
      if (log != null) {
        log.accept(
            String.format(
                java.util.Locale.ROOT,
                "epoch %2d  train loss %.4f acc %.4f | val loss %.4f top1 %.4f top3 %.4f macroF1 %.4f  (%.1fs)",
                epoch,
                e.trainLoss(),
                e.trainTop1(),
                e.valLoss(),
                e.valTop1(),
                e.valTop3(),
                e.valMacroF1(),
                secs));
      }
      if (ev.macroF1 > bestF1 + 1e-6) {
        bestF1 = ev.macroF1;
        best = snapshot;
        bestEpoch = epoch;
        since = 0;
      } else if (++since >= cfg.patience()) {
        break;
      }
    }
    return new Result(best, history, bestEpoch, cw);
  }

  /** Bag segments (LexicalFeaturizer.SEGMENTS). */
  public static final int SEGMENTS = io.logdx.core.stage1.OnnxClassifier.LexicalFeaturizer.SEGMENTS;

  /** Validation figures of a model (temperature 1). */
  record Eval(double loss, double top1, double top3, double macroF1) {}

  static Eval evaluate(BagMlp m, List<Sample> val, int classes, float[] cw, float smoothing) {
    if (val.isEmpty()) return new Eval(0, 0, 0, 0);
    BagMlp.Pass p = m.pass();
    double loss = 0;
    double wsum = 0;
    int[] gold = new int[val.size()];
    int[][] ranked = new int[val.size()][];
    for (int i = 0; i < val.size(); i++) {
      Sample s = val.get(i);
      float[] prob =
          BagMlp.softmax(m.forward(s.ids(), s.segments(), s.ids().length, s.dense(), p), 1f);
      float w = s.weight() * cw[s.label()];
      loss -= w * Math.log(Math.max(prob[s.label()], 1e-12f));
      wsum += w;
      gold[i] = s.label();
      ranked[i] = Metrics.topK(prob, 5);
    }
    Metrics.Summary sm = Metrics.summary(gold, ranked, classes);
    return new Eval(loss / wsum, sm.top1(), sm.top3(), sm.macroF1());
  }

  /** (mean count / count)^power per class, normalised so that the weighted mean over samples is 1. */
  static float[] classWeights(List<Sample> train, int classes, double power) {
    double[] count = new double[classes];
    for (Sample s : train) count[s.label()] += s.weight();
    int present = 0;
    double total = 0;
    for (double c : count) {
      if (c > 0) {
        present++;
        total += c;
      }
    }
    double mean = total / Math.max(1, present);
    float[] w = new float[classes];
    double norm = 0;
    for (int c = 0; c < classes; c++) {
      w[c] = count[c] > 0 ? (float) Math.pow(mean / count[c], power) : 1f;
      norm += w[c] * count[c];
    }
    float scale = (float) (total / Math.max(1e-9, norm));
    for (int c = 0; c < classes; c++) w[c] *= scale;
    return w;
  }

  private static void shuffle(int[] a, SplittableRandom r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** AdamW moments for one parameter array. */
  private static final class Adam {
    final float[] m;
    final float[] v;

    Adam(int n) {
      m = new float[n];
      v = new float[n];
    }

    void step(float[] w, float[] g, int t, float lr, float wd) {
      stepRange(w, g, 0, w.length, t, lr, wd);
    }

    /** Updates {@code w[from, from+len)} from {@code g} and clears those gradients. */
    void stepRange(float[] w, float[] g, int from, int len, int t, float lr, float wd) {
      float c1 = 1f - (float) Math.pow(B1, t);
      float c2 = 1f - (float) Math.pow(B2, t);
      for (int i = from; i < from + len; i++) {
        float gi = g[i];
        m[i] = B1 * m[i] + (1 - B1) * gi;
        v[i] = B2 * v[i] + (1 - B2) * gi * gi;
        float mh = m[i] / c1;
        float vh = v[i] / c2;
        w[i] -= lr * (mh / ((float) Math.sqrt(vh) + EPS) + wd * w[i]);
        g[i] = 0f;
      }
    }
  }
}
