package io.logdx.core.stage1;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import io.logdx.core.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Turns a failure into the feature ids of the lexical model: word-piece ids (DJL's HuggingFace tokenizer) of the
 * root cause's text and of its context ({@link ClassifierInput}), hashed bigrams of them, and hashed structural
 * features (exception class names, top frames), in three segments. Every id is hashed into {@code buckets} rows
 * of one embedding table; the ONNX graph does the rest (per-segment embedding bags, head, softmax). Thread-safe:
 * the tokenizer's encode is.
 */
public final class LexicalFeaturizer implements AutoCloseable {
  private static final long UNIGRAM = 0x9E3779B97F4A7C15L;
  private static final long BIGRAM = 0xC2B2AE3D27D4EB4FL;
  private static final long STRUCTURE = 0x165667B19E3779F9L;

  private final HuggingFaceTokenizer tokenizer;
  /** The native tokenizer, asked for ids only; see {@link #encode}. */
  private final long handle;
  private final int buckets;
  private final int maxTokens;
  private final java.util.Set<Extra> extras;

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
          throw new IllegalArgumentException("unknown stage 1 feature set '" + key + "' (this engine knows "
              + java.util.Arrays.stream(values()).map(Extra::key).toList() + ")");
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
  public LexicalFeaturizer(InputStream tokenizerJson, int buckets, int maxTokens) throws IOException {
    this(tokenizerJson, buckets, maxTokens, java.util.Set.of());
  }

  /**
   * @param tokenizerJson a HuggingFace {@code tokenizer.json}
   * @param buckets rows of the embedding table
   * @param maxTokens word pieces kept from the rendered text
   * @param extras feature sets added to the base features
   */
  public LexicalFeaturizer(InputStream tokenizerJson, int buckets, int maxTokens, java.util.Set<Extra> extras)
      throws IOException {
    if (buckets < 2) throw new IllegalArgumentException("buckets must be >= 2: " + buckets);
    if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1: " + maxTokens);
    Djl.offline();
    this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
        "addSpecialTokens", "false",
        "padding", "false",
        "truncation", "true",
        "maxLength", Integer.toString(maxTokens)));
    this.handle = tokenizer.getHandle();
    this.buckets = buckets;
    this.maxTokens = maxTokens;
    this.extras = extras.isEmpty() ? java.util.EnumSet.noneOf(Extra.class) : java.util.EnumSet.copyOf(extras);
  }

  /** The feature sets this featurizer adds to the base features. */
  public java.util.Set<Extra> extras() {
    return java.util.Collections.unmodifiableSet(extras);
  }

  public int buckets() { return buckets; }

  public int maxTokens() { return maxTokens; }

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
   * spans through a native call each, three quarters of which stage 1 never reads (measured: 300 µs against
   * 230 µs per text of the dev set). The options that DJL applies in Java before the native call (prefix space,
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

  /** DJL's own way to the ids, kept for the comparison with {@link #encode}. */
  long[] encodeWithDjl(String text) {
    return tokenizer.encode(text, false, false).getIds();
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
      for (int i = 0; i < votes.size(); i++) structure.add((i == 0 ? "rule1=" : "rule2=") + votes.get(i));
    }
    return features(ClassifierInput.rootText(f), structure, ClassifierInput.contextText(f),
        ClassifierInput.frameFeatures(f), rootWords, otherWords);
  }

  private static final long[] NONE = new long[0];

  public Features features(String rootText, List<String> structure, String contextText, List<String> frameFeatures) {
    return features(rootText, structure, contextText, frameFeatures, NONE, NONE);
  }

  /**
   * The root type's words join the root cause's word pieces (segment 0, same rows as message words: "quota" in a
   * class name is "quota" in a message); the other types' words join the chain structure (segment 1), as unigrams
   * without bigrams.
   */
  private Features features(String rootText, List<String> structure, String contextText, List<String> frameFeatures,
      long[] rootWords, long[] otherWords) {
    long[] root = tokenIds(rootText, ROOT_TOKENS);
    long[] context = tokenIds(contextText, Math.max(1, maxTokens - root.length));
    int n = 2 * root.length + structure.size() + 2 * context.length + frameFeatures.size() + SEGMENTS
        + rootWords.length + otherWords.length;
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
    return new Features(k == n ? ids : java.util.Arrays.copyOf(ids, k), k == n ? seg : java.util.Arrays.copyOf(seg, k));
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
    tokenizer.close();
  }
}
