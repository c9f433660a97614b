package io.logdx.trainer.model;

import java.util.SplittableRandom;

/**
 * The stage 1 network, with gradients written out by hand: embedding bags (the mean of the rows of each segment's
 * feature ids, segments side by side) and/or a dense input (a pooled encoder embedding), concatenated, then one
 * ReLU hidden layer and a linear layer to the labels. Softmax and temperature are applied outside
 * ({@link #probabilities}).
 *
 * <p>Layout: {@code emb[bucket * dim + j]}, {@code w1[h * in + i]} with {@code in = segments * dim + denseDim},
 * {@code w2[c * hidden + h]}. Not thread-safe; training is single-threaded so that it is deterministic.
 */
public final class BagMlp {
  final int buckets;
  final int dim;
  final int denseDim;
  final int hidden;
  final int classes;
  final int in;
  final int segments;
  final float[] emb;
  final float[] w1;
  final float[] b1;
  final float[] w2;
  final float[] b2;

  public BagMlp(
      int buckets, int segments, int dim, int denseDim, int hidden, int classes, long seed) {
    this.buckets = dim == 0 ? 0 : buckets;
    this.dim = dim;
    this.denseDim = denseDim;
    this.hidden = hidden;
    this.classes = classes;
    this.segments = dim == 0 ? 0 : segments;
    this.in = this.segments * dim + denseDim;
    if (in == 0) throw new IllegalArgumentException("a model needs the bag or the dense input");
    this.emb = new float[this.buckets * dim];
    this.w1 = new float[hidden * in];
    this.b1 = new float[hidden];
    this.w2 = new float[classes * hidden];
    this.b2 = new float[classes];
    SplittableRandom r = new SplittableRandom(seed);
    float e = 1f / Math.max(1, dim);
    for (int i = 0; i < emb.length; i++) emb[i] = (float) ((r.nextDouble() * 2 - 1) * e);
    double s1 = Math.sqrt(6.0 / (in + hidden));
    for (int i = 0; i < w1.length; i++) w1[i] = (float) ((r.nextDouble() * 2 - 1) * s1);
    double s2 = Math.sqrt(6.0 / (hidden + classes));
    for (int i = 0; i < w2.length; i++) w2[i] = (float) ((r.nextDouble() * 2 - 1) * s2);
  }

  public int classes() {
    return classes;
  }

  public int dim() {
    return dim;
  }

  public int denseDim() {
    return denseDim;
  }

  public int hidden() {
    return hidden;
  }

  public int buckets() {
    return buckets;
  }

  public int segments() {
    return segments;
  }

  /** Working memory of one forward/backward pass. */
  static final class Pass {
    final float[] x;
    final float[] h;
    final float[] z;
    final float[] dz;
    final float[] dh;
    final float[] dx;
    final float[] inv;

    Pass(BagMlp m) {
      inv = new float[Math.max(1, m.segments)];
      x = new float[m.in];
      h = new float[m.hidden];
      z = new float[m.classes];
      dz = new float[m.classes];
      dh = new float[m.hidden];
      dx = new float[m.in];
    }
  }

  Pass pass() {
    return new Pass(this);
  }

  /** 1 / (ids in the segment), as LexicalFeaturizer.Features.weights() gives them. */
  float[] segmentWeights(int[] segs, int n, Pass p) {
    int[] count = new int[segments];
    for (int k = 0; k < n; k++) count[segs[k]]++;
    float[] inv = p.inv;
    for (int s = 0; s < segments; s++) inv[s] = count[s] == 0 ? 0f : 1f / count[s];
    return inv;
  }

  /** Logits of a sample (ids and segments may be a dropped-out subset of length n). */
  float[] forward(int[] ids, int[] segs, int n, float[] dense, Pass p) {
    java.util.Arrays.fill(p.x, 0f);
    if (dim > 0 && n > 0) {
      float[] inv = segmentWeights(segs, n, p);
      // x_s = sum of w_s * row, in id order: the ONNX graph (Gather, MatMul by the weights)
      // computes the same
      for (int k = 0; k < n; k++) {
        int base = ids[k] * dim;
        int off = segs[k] * dim;
        float w = inv[segs[k]];
        for (int j = 0; j < dim; j++) p.x[off + j] += w * emb[base + j];
      }
    }
    if (denseDim > 0) System.arraycopy(dense, 0, p.x, segments * dim, denseDim);
    for (int h = 0; h < hidden; h++) {
      float s = b1[h];
      int base = h * in;
      for (int i = 0; i < in; i++) s += w1[base + i] * p.x[i];
      p.h[h] = s > 0 ? s : 0;
    }
    for (int c = 0; c < classes; c++) {
      float s = b2[c];
      int base = c * hidden;
      for (int h = 0; h < hidden; h++) s += w2[base + h] * p.h[h];
      p.z[c] = s;
    }
    return p.z;
  }

  /** Calibrated probabilities (softmax of logits divided by the temperature), as the exported graph gives them. */
  public float[] probabilities(Sample s, float temperature) {
    Pass p = pass();
    float[] z = forward(s.ids(), s.segments(), s.ids().length, s.dense(), p);
    return softmax(z, 1f / temperature);
  }

  /** Raw logits of a sample. */
  public float[] logits(Sample s) {
    Pass p = pass();
    return forward(s.ids(), s.segments(), s.ids().length, s.dense(), p).clone();
  }

  static float[] softmax(float[] z, float scale) {
    float[] out = new float[z.length];
    float max = Float.NEGATIVE_INFINITY;
    for (float v : z) max = Math.max(max, v * scale);
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      out[i] = (float) Math.exp(z[i] * scale - max);
      sum += out[i];
    }
    for (int i = 0; i < z.length; i++) out[i] = (float) (out[i] / sum);
    return out;
  }

  /** Rounds the embedding table to half precision, as it is stored in the exported graph. */
  public void roundEmbeddingsToHalf() {
    for (int i = 0; i < emb.length; i++) emb[i] = Fp16.round(emb[i]);
  }

  /** Sets the rows that training never touched to zero: a feature never seen contributes nothing. */
  public void zeroRows(boolean[] touched) {
    for (int b = 0; b < buckets; b++) {
      if (!touched[b]) java.util.Arrays.fill(emb, b * dim, (b + 1) * dim, 0f);
    }
  }

  /** A deep copy (for keeping the best epoch). */
  public BagMlp copy() {
    BagMlp c =
        new BagMlp(Math.max(buckets, 1), Math.max(segments, 1), dim, denseDim, hidden, classes, 0);
    System.arraycopy(emb, 0, c.emb, 0, emb.length);
    System.arraycopy(w1, 0, c.w1, 0, w1.length);
    System.arraycopy(b1, 0, c.b1, 0, b1.length);
    System.arraycopy(w2, 0, c.w2, 0, w2.length);
    System.arraycopy(b2, 0, c.b2, 0, b2.length);
    return c;
  }
}
