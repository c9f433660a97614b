package io.logdx.core.stage1;

import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
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

  /** Classpath folder of the shipped model. */
  public static final String SHIPPED = OnnxModels.SHIPPED;

  /** Graph inputs: the feature ids and the per-segment averaging weights. */
  static final String IDS = "ids";

  static final String WEIGHTS = "weights";

  /**
   * The model at a location: {@code default} (the shipped one), {@code classpath:folder} or a file-system folder
   * holding {@code model.properties}, the graph(s) and the tokenizer as the trainer exports them.
   *
   * @return the model, or {@code null} when the location holds none
   * @throws Exception when the model is there but cannot be read or run here
   */
  public static OnnxClassifier load(String location) throws Exception {
    return OnnxModels.load(location);
  }

  /**
   * ONNX Runtime's process-wide environment, created on first use so that it cannot crash the host (see
   * {@code OnnxEnvironment}); for the trainer's own sessions.
   *
   * @throws IllegalStateException when it could not be created
   */
  public static OrtEnvironment environment() {
    return OnnxEnvironment.get();
  }

  /**
   * A model of one graph.
   *
   * @see #OnnxClassifier(String, List, List, Calibration, LexicalFeaturizer)
   */
  public OnnxClassifier(
      String id, byte[] onnx, List<String> labels, double threshold, LexicalFeaturizer featurizer)
      throws OrtException {
    this(id, List.of(onnx), labels, new Calibration(1.0, threshold), featurizer);
  }

  /**
   * @param id model id and version, written into every diagnosis
   * @param members the exported graphs, one per ensemble member (at least one): inputs {@code ids} (int64 [n]) and
   *     {@code weights} (float [segments, n]), output {@code probs} (float [1, labels])
   * @param labels label ids in the order of the output
   * @param calibration the mean's temperature and the threshold, both calibrated by the trainer
   * @param featurizer the featurizer the model was trained with; closed with this classifier
   */
  public OnnxClassifier(
      String id,
      List<byte[]> members,
      List<String> labels,
      Calibration calibration,
      LexicalFeaturizer featurizer)
      throws OrtException {
    this.meanTemperature = calibration.meanTemperature();
    this.id = Objects.requireNonNull(id, "id");
    this.labels = List.copyOf(labels);
    this.threshold = calibration.threshold();
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
      throw new IllegalArgumentException(
          "model inputs " + session.getInputNames() + ", expected ids and weights");
    }
    long outputs =
        ((ai.onnxruntime.TensorInfo) session.getOutputInfo().values().iterator().next().getInfo())
            .getShape()[1];
    if (outputs != labelCount) {
      session.close();
      throw new IllegalArgumentException(
          "model has " + outputs + " outputs for " + labelCount + " labels");
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
    try (OnnxTensor idt =
            OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {ids.length});
        OnnxTensor wt =
            OnnxTensor.createTensor(
                env,
                FloatBuffer.wrap(features.weights()),
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
    Arrays.sort(
        order,
        (a, b) ->
            a.equals(b) ? 0 : p[a] != p[b] ? Float.compare(p[b], p[a]) : Integer.compare(a, b));
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

  /**
   * What the trainer calibrated on held-out data, besides the members' own temperatures (inside their graphs).
   *
   * @param meanTemperature temperature of the members' mean ({@code p_i ∝ mean_i^(1/T)}); 1 for none
   * @param threshold probability below which the answer is {@code unknown}
   */
  public record Calibration(double meanTemperature, double threshold) {
    public Calibration {
      if (!(meanTemperature > 0)) {
        throw new IllegalArgumentException("meanTemperature must be > 0: " + meanTemperature);
      }
    }
  }

  /**
   * Turns a failure into the feature ids of the lexical model: word-piece ids (DJL's HuggingFace tokenizer) of the
   * root cause's text and of its context ({@link ClassifierInput}), hashed bigrams of them, and hashed structural
   * features (exception class names, top frames), in three segments. Every id is hashed into {@code buckets} rows
   * of one embedding table; the ONNX graph does the rest (per-segment embedding bags, head, softmax). Thread-safe:
   * the tokenizer's encode is.
   */
  public static final class LexicalFeaturizer implements AutoCloseable {
    private static final long UNIGRAM = 0x9E3779B97F4A7C15L;
    private static final long BIGRAM = 0xC2B2AE3D27D4EB4FL;
    private static final long STRUCTURE = 0x165667B19E3779F9L;

    /** The native tokenizer, asked for ids only; see {@link #encode}. */
    private final long handle;

    private final java.util.concurrent.atomic.AtomicBoolean closed =
        new java.util.concurrent.atomic.AtomicBoolean();

    private final int buckets;
    private final int maxTokens;
    private final java.util.Set<Extra> extras;

    /**
     * The text of a failure that the featurizer reads, as one string: root cause, context and frames (what the
     * trainer records next to each example, so that a reader sees what the model saw).
     */
    public static String render(Failure f) {
      return ClassifierInput.render(f);
    }

    /**
     * Feature sets a model may add to the base features, named in its {@code model.properties} ({@code features=}).
     * A model trained with a set must be run with it: the ids would otherwise differ from those it learnt.
     */
    public enum Extra {
      /** Class names of the chain read as words ({@link ClassifierInput#rootTypeWords}, {@link ClassifierInput#otherTypeWords}). */
      TYPE_WORDS("typewords"),
      /** The rule-based classifier's votes ({@code RuleBasedClassifier.votes}) as chain-structure features. */
      RULES("rules");

      private final String key;

      Extra(String key) {
        this.key = key;
      }

      public String key() {
        return key;
      }

      /** The sets named in a comma-separated list; an unknown name is an error (a newer model than this engine). */
      public static java.util.Set<Extra> parse(String list) {
        java.util.Set<Extra> out = java.util.EnumSet.noneOf(Extra.class);
        if (list == null || list.isBlank()) return out;
        for (String k : list.split(",")) {
          String key = k.trim();
          if (key.isEmpty()) continue;
          Extra match = null;
          for (Extra e : values()) if (e.key.equals(key)) match = e;
          if (match == null) {
            throw new IllegalArgumentException(
                "unknown stage 1 feature set '"
                    + key
                    + "' (this engine knows "
                    + java.util.Arrays.stream(values()).map(Extra::key).toList()
                    + ")");
          }
          out.add(match);
        }
        return out;
      }

      /** The comma-separated names of a set of extras, in declaration order. */
      public static String format(java.util.Set<Extra> extras) {
        return String.join(",", extras.stream().sorted().map(Extra::key).toList());
      }
    }

    /**
     * @param tokenizerJson a HuggingFace {@code tokenizer.json}
     * @param buckets rows of the embedding table
     * @param maxTokens word pieces kept from the rendered text
     */
    public LexicalFeaturizer(InputStream tokenizerJson, int buckets, int maxTokens)
        throws IOException {
      this(tokenizerJson, buckets, maxTokens, java.util.Set.of());
    }

    /**
     * @param tokenizerJson a HuggingFace {@code tokenizer.json}
     * @param buckets rows of the embedding table
     * @param maxTokens word pieces kept from the rendered text
     * @param extras feature sets added to the base features
     */
    public LexicalFeaturizer(
        InputStream tokenizerJson, int buckets, int maxTokens, java.util.Set<Extra> extras)
        throws IOException {
      if (buckets < 2) throw new IllegalArgumentException("buckets must be >= 2: " + buckets);
      if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1: " + maxTokens);
      String json = new String(tokenizerJson.readAllBytes(), StandardCharsets.UTF_8);
      // Straight to DJL's native tokenizer, not through HuggingFaceTokenizer: its newInstance
      // loads the library with DJL's loader, which probes for a GPU, runs ldconfig and logs
      // (see TokenizersNative). The settings are those DJL derives from the options this class
      // gave it (addSpecialTokens=false, passed to encode; padding=false; truncation=true;
      // maxLength): truncation LONGEST_FIRST at maxTokens, stride 0, no padding.
      // LexicalFeaturizerTest compares the ids with DJL's.
      TokenizersNative.load();
      long h = TokenizersLibrary.LIB.createTokenizerFromString(json);
      try {
        TokenizersLibrary.LIB.setTruncation(h, maxTokens, "LONGEST_FIRST", 0);
        TokenizersLibrary.LIB.disablePadding(h);
      } catch (RuntimeException | Error e) {
        TokenizersLibrary.LIB.deleteTokenizer(h);
        throw e;
      }
      this.handle = h;
      this.buckets = buckets;
      this.maxTokens = maxTokens;
      this.extras =
          extras.isEmpty()
              ? java.util.EnumSet.noneOf(Extra.class)
              : java.util.EnumSet.copyOf(extras);
    }

    /** The feature sets this featurizer adds to the base features. */
    public java.util.Set<Extra> extras() {
      return java.util.Collections.unmodifiableSet(extras);
    }

    public int buckets() {
      return buckets;
    }

    public int maxTokens() {
      return maxTokens;
    }

    /** Word-piece ids of a text, at most {@code limit}; the text is cut first (about 4 characters a token). */
    public long[] tokenIds(String text, int limit) {
      String cut = ClassifierInput.cut(text, Math.min(ClassifierInput.MAX_CHARS, limit * 4));
      if (cut.isBlank()) return new long[0];
      long[] ids = encode(cut);
      return ids.length > limit ? java.util.Arrays.copyOf(ids, limit) : ids;
    }

    /**
     * The word-piece ids of a text, as {@code tokenizer.encode(text, false, false).getIds()} gives them, without
     * the rest of DJL's {@code Encoding}: that one fetches types, tokens as strings, word ids, masks and character
     * spans through a native call each, three quarters of which stage 1 never reads (the cost per text:
     * {@code benchmarks/RESULTS.md}, "Tokeniser: ids only"). The options that DJL applies in Java before the native call (prefix space,
     * lower case, accents) are not set for this tokenizer, so both give the same ids; {@code
     * LexicalFeaturizerTest} compares them.
     */
    long[] encode(String text) {
      long encoding = TokenizersLibrary.LIB.encode(handle, text, false);
      try {
        return TokenizersLibrary.LIB.getTokenIds(encoding);
      } finally {
        TokenizersLibrary.LIB.deleteEncoding(encoding);
      }
    }

    /** Segments of the bag: each is averaged on its own, so that a long context cannot drown the root cause. */
    public static final int SEGMENTS = 3;

    /** Word pieces of the root cause's type and message at most. */
    public static final int ROOT_TOKENS = 96;

    /**
     * Feature ids of a failure with the segment of each: 0 = root cause text (word pieces and bigrams),
     * 1 = chain structure (class names), 2 = context (other exceptions, frames, log line, frame features).
     * Every segment holds at least its marker feature.
     */
    public record Features(long[] ids, int[] segments) {
      /** The {@code [SEGMENTS, n]} matrix of averaging weights that the ONNX graph multiplies the rows by. */
      public float[] weights() {
        int n = ids.length;
        int[] count = new int[SEGMENTS];
        for (int s : segments) count[s]++;
        float[] w = new float[SEGMENTS * n];
        for (int k = 0; k < n; k++) w[segments[k] * n + k] = 1f / count[segments[k]];
        return w;
      }
    }

    /** Word pieces of the class names read as words, at most (root type; the other types together). */
    static final int WORD_TOKENS = 32;

    public Features features(Failure f) {
      long[] rootWords = NONE;
      long[] otherWords = NONE;
      if (extras.contains(Extra.TYPE_WORDS)) {
        rootWords = tokenIds(ClassifierInput.rootTypeWords(f), WORD_TOKENS);
        otherWords = tokenIds(ClassifierInput.otherTypeWords(f), WORD_TOKENS);
      }
      List<String> structure = ClassifierInput.structure(f);
      if (extras.contains(Extra.RULES)) {
        List<String> votes = RuleBasedClassifier.votes(f, 2);
        structure = new java.util.ArrayList<>(structure);
        if (votes.isEmpty()) structure.add("rule=none");
        for (int i = 0; i < votes.size(); i++)
          structure.add((i == 0 ? "rule1=" : "rule2=") + votes.get(i));
      }
      return features(
          ClassifierInput.rootText(f),
          structure,
          ClassifierInput.contextText(f),
          ClassifierInput.frameFeatures(f),
          rootWords,
          otherWords);
    }

    private static final long[] NONE = new long[0];

    public Features features(
        String rootText, List<String> structure, String contextText, List<String> frameFeatures) {
      return features(rootText, structure, contextText, frameFeatures, NONE, NONE);
    }

    /**
     * The root type's words join the root cause's word pieces (segment 0, same rows as message words: "quota" in a
     * class name is "quota" in a message); the other types' words join the chain structure (segment 1), as unigrams
     * without bigrams.
     */
    private Features features(
        String rootText,
        List<String> structure,
        String contextText,
        List<String> frameFeatures,
        long[] rootWords,
        long[] otherWords) {
      long[] root = tokenIds(rootText, ROOT_TOKENS);
      long[] context = tokenIds(contextText, Math.max(1, maxTokens - root.length));
      int n =
          2 * root.length
              + structure.size()
              + 2 * context.length
              + frameFeatures.size()
              + SEGMENTS
              + rootWords.length
              + otherWords.length;
      long[] ids = new long[n];
      int[] seg = new int[n];
      int k = 0;
      for (int s = 0; s < SEGMENTS; s++) {
        ids[k] = bucket(STRUCTURE, fnv("segment-" + s));
        seg[k++] = s;
      }
      k = tokens(root, 0, ids, seg, k);
      k = unigrams(rootWords, 0, ids, seg, k);
      for (String x : structure) {
        ids[k] = bucket(STRUCTURE, fnv(x));
        seg[k++] = 1;
      }
      k = unigrams(otherWords, 1, ids, seg, k);
      k = tokens(context, 2, ids, seg, k);
      for (String x : frameFeatures) {
        ids[k] = bucket(STRUCTURE, fnv(x));
        seg[k++] = 2;
      }
      return new Features(
          k == n ? ids : java.util.Arrays.copyOf(ids, k),
          k == n ? seg : java.util.Arrays.copyOf(seg, k));
    }

    private int tokens(long[] tokens, int segment, long[] ids, int[] seg, int k) {
      for (long t : tokens) {
        ids[k] = bucket(UNIGRAM + segment, t);
        seg[k++] = segment;
      }
      for (int i = 1; i < tokens.length; i++) {
        ids[k] = bucket(BIGRAM + segment, tokens[i - 1] * 31_337L + tokens[i]);
        seg[k++] = segment;
      }
      return k;
    }

    private int unigrams(long[] tokens, int segment, long[] ids, int[] seg, int k) {
      for (long t : tokens) {
        ids[k] = bucket(UNIGRAM + segment, t);
        seg[k++] = segment;
      }
      return k;
    }

    private long bucket(long kind, long value) {
      return Long.remainderUnsigned(mix(kind ^ mix(value)), buckets);
    }

    /** SplitMix64 finaliser: a stable, well-spread 64-bit hash. */
    static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    /** FNV-1a over the UTF-8 bytes of a lower-cased string. */
    static long fnv(String s) {
      long h = 0xCBF29CE484222325L;
      for (byte b : ClassifierInput.lower(s).getBytes(StandardCharsets.UTF_8)) {
        h ^= b & 0xff;
        h *= 0x100000001B3L;
      }
      return h;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) TokenizersLibrary.LIB.deleteTokenizer(handle);
    }
  }
}
