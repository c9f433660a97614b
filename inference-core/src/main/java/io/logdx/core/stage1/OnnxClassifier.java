package io.logdx.core.stage1;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.logdx.core.Classification;
import io.logdx.core.Classifier;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.Prediction;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stage 1 by the exported lexical ONNX model: {@link LexicalFeaturizer} gives the feature ids, onnxruntime runs
 * the graph (embedding bag → MLP → temperature-scaled softmax) and returns calibrated probabilities. A model of
 * several graphs is an ensemble of members trained from different seeds: the features are computed once, every
 * member's graph runs on them, and the probabilities are the mean of the members' (each calibrated on its own).
 *
 * <p>Below the calibrated threshold the answer is {@code unknown}, with probability {@code 1 - p(best)}, followed
 * by the model's ranking so that top-k still shows the candidates. Thread-safe: {@link OrtSession#run} and the
 * tokenizer are, and the session uses one intra-op thread so that it never competes with the host for cores.
 */
public final class OnnxClassifier implements Classifier {
  /** Predictions returned besides a possible {@code unknown}. */
  static final int TOP_K = 5;

  private final String id;
  private final List<String> labels;
  private final double threshold;
  /** Temperature of the members' mean (1: none); see {@link #probabilities(LexicalFeaturizer.Features)}. */
  private final double meanTemperature;
  private final LexicalFeaturizer featurizer;
  private final OrtEnvironment env;
  private final List<OrtSession> sessions;
  /** Graph inputs: the feature ids and the per-segment averaging weights. */
  static final String IDS = "ids";
  static final String WEIGHTS = "weights";

  /**
   * A model of one graph.
   *
   * @see #OnnxClassifier(String, List, double, List, double, LexicalFeaturizer)
   */
  public OnnxClassifier(String id, byte[] onnx, List<String> labels, double threshold, LexicalFeaturizer featurizer)
      throws OrtException {
    this(id, List.of(onnx), 1.0, labels, threshold, featurizer);
  }

  /**
   * @param id model id and version, written into every diagnosis
   * @param members the exported graphs, one per ensemble member (at least one): inputs {@code ids} (int64 [n]) and
   *     {@code weights} (float [segments, n]), output {@code probs} (float [1, labels])
   * @param meanTemperature the calibrated temperature of the members' mean ({@code p_i ∝ mean_i^(1/T)}); 1 for none
   * @param labels label ids in the order of the output
   * @param threshold calibrated probability below which the answer is {@code unknown}
   * @param featurizer the featurizer the model was trained with; closed with this classifier
   */
  public OnnxClassifier(String id, List<byte[]> members, double meanTemperature, List<String> labels,
      double threshold, LexicalFeaturizer featurizer) throws OrtException {
    if (!(meanTemperature > 0)) throw new IllegalArgumentException("meanTemperature must be > 0: " + meanTemperature);
    this.meanTemperature = meanTemperature;
    this.id = Objects.requireNonNull(id, "id");
    this.labels = List.copyOf(labels);
    this.threshold = threshold;
    this.featurizer = Objects.requireNonNull(featurizer, "featurizer");
    if (members.isEmpty()) throw new IllegalArgumentException("a model needs at least one graph");
    this.env = OnnxEnvironment.get();
    List<OrtSession> opened = new ArrayList<>(members.size());
    try {
      for (byte[] onnx : members) opened.add(open(onnx, this.labels.size()));
    } catch (OrtException | RuntimeException e) {
      closeAll(opened);
      throw e;
    }
    this.sessions = List.copyOf(opened);
  }

  private OrtSession open(byte[] onnx, int labelCount) throws OrtException {
    OrtSession session;
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setIntraOpNumThreads(1);
      o.setInterOpNumThreads(1);
      o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(onnx, o);
    }
    if (!session.getInputNames().containsAll(List.of(IDS, WEIGHTS))) {
      session.close();
      throw new IllegalArgumentException("model inputs " + session.getInputNames() + ", expected ids and weights");
    }
    long outputs = ((ai.onnxruntime.TensorInfo) session.getOutputInfo().values().iterator().next().getInfo()).getShape()[1];
    if (outputs != labelCount) {
      session.close();
      throw new IllegalArgumentException("model has " + outputs + " outputs for " + labelCount + " labels");
    }
    return session;
  }

  /** Graphs of the model: 1, or the members of an ensemble. */
  public int members() {
    return sessions.size();
  }

  @Override
  public String id() {
    return id;
  }

  public List<String> labels() {
    return labels;
  }

  public double threshold() {
    return threshold;
  }

  /** The featurizer (tokeniser and hashed features) this model was trained with: stage 1's first half. */
  public LexicalFeaturizer featurizer() {
    return featurizer;
  }

  /** Calibrated probabilities over {@link #labels()}, in label order. */
  public float[] probabilities(Failure failure) throws OrtException {
    return probabilities(featurizer.features(failure));
  }

  /** Calibrated probabilities for precomputed features: the mean of the members' when there are several. */
  public float[] probabilities(LexicalFeaturizer.Features features) throws OrtException {
    long[] ids = features.ids();
    try (OnnxTensor idt = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {ids.length});
        OnnxTensor wt = OnnxTensor.createTensor(env, FloatBuffer.wrap(features.weights()),
            new long[] {LexicalFeaturizer.SEGMENTS, ids.length})) {
      Map<String, OnnxTensor> in = Map.of(IDS, idt, WEIGHTS, wt);
      float[] mean = null;
      for (OrtSession session : sessions) {
        try (OrtSession.Result r = session.run(in)) {
          float[] p = ((float[][]) r.get(0).getValue())[0];
          if (mean == null) {
            mean = p;
          } else {
            for (int i = 0; i < mean.length; i++) mean[i] += p[i];
          }
        }
      }
      if (sessions.size() > 1) {
        float n = sessions.size();
        for (int i = 0; i < mean.length; i++) mean[i] /= n;
        if (meanTemperature != 1.0) sharpen(mean, meanTemperature);
      }
      return mean;
    }
  }

  @Override
  public Classification classify(Failure failure) throws OrtException {
    if (failure.isEmpty() && (failure.logLine() == null || failure.logLine().isBlank())) {
      return new Classification(List.of(new Prediction(Diagnosis.UNKNOWN, 1.0)), id);
    }
    return new Classification(rank(probabilities(failure), labels, threshold), id);
  }

  /**
   * The members' mean recalibrated in place: {@code p_i ∝ p_i^(1/t)}, as the trainer fitted it (a softmax of the
   * logs divided by t, the largest first subtracted). Ranks stay as they are.
   */
  private static void sharpen(float[] p, double t) {
    double max = Double.NEGATIVE_INFINITY;
    double[] z = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      z[i] = Math.log(Math.max(p[i], 1e-30f)) / t;
      max = Math.max(max, z[i]);
    }
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      z[i] = Math.exp(z[i] - max);
      sum += z[i];
    }
    for (int i = 0; i < p.length; i++) p[i] = (float) (z[i] / sum);
  }

  /** The top predictions, {@code unknown} first when the best is below the threshold. */
  public static List<Prediction> rank(float[] p, List<String> labels, double threshold) {
    Integer[] order = new Integer[p.length];
    for (int i = 0; i < p.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : p[a] != p[b] ? Float.compare(p[b], p[a]) : Integer.compare(a, b));
    List<Prediction> top = new ArrayList<>(TOP_K + 1);
    double best = p[order[0]];
    boolean abstain = best < threshold && !Diagnosis.UNKNOWN.equals(labels.get(order[0]));
    if (abstain) top.add(new Prediction(Diagnosis.UNKNOWN, 1.0 - best));
    int ranked = 0;
    for (int i = 0; i < order.length && ranked < TOP_K; i++) {
      String label = labels.get(order[i]);
      if (abstain && Diagnosis.UNKNOWN.equals(label)) continue;
      top.add(new Prediction(label, p[order[i]]));
      ranked++;
    }
    return top;
  }

  @Override
  public void close() {
    closeAll(sessions);
    featurizer.close();
  }

  private static void closeAll(List<OrtSession> sessions) {
    for (OrtSession s : sessions) {
      try {
        s.close();
      } catch (OrtException e) {
        // nothing left to release that the caller could act on
      }
    }
  }
}
