package io.logdx.core.stage1;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.logdx.core.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Turns a failure into the feature ids of the lexical model: the word-piece ids of {@link ClassifierInput#render}
 * (DJL's HuggingFace tokenizer), hashed bigrams of them, and hashed structural features (exception class names,
 * top frames). Every id is hashed into {@code buckets} rows of one embedding table; the ONNX graph does the rest
 * (embedding bag, head, softmax). Thread-safe: the tokenizer's encode is.
 */
public final class LexicalFeaturizer implements AutoCloseable {
  private static final long UNIGRAM = 0x9E3779B97F4A7C15L;
  private static final long BIGRAM = 0xC2B2AE3D27D4EB4FL;
  private static final long STRUCTURE = 0x165667B19E3779F9L;

  private final HuggingFaceTokenizer tokenizer;
  private final int buckets;
  private final int maxTokens;

  /**
   * @param tokenizerJson a HuggingFace {@code tokenizer.json}
   * @param buckets rows of the embedding table
   * @param maxTokens word pieces kept from the rendered text
   */
  public LexicalFeaturizer(InputStream tokenizerJson, int buckets, int maxTokens) throws IOException {
    if (buckets < 2) throw new IllegalArgumentException("buckets must be >= 2: " + buckets);
    if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1: " + maxTokens);
    Djl.offline();
    this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
        "addSpecialTokens", "false",
        "padding", "false",
        "truncation", "true",
        "maxLength", Integer.toString(maxTokens)));
    this.buckets = buckets;
    this.maxTokens = maxTokens;
  }

  public int buckets() { return buckets; }

  public int maxTokens() { return maxTokens; }

  /** Word-piece ids of a text, at most {@link #maxTokens()}; the text is cut first (see ClassifierInput). */
  public long[] tokenIds(String text) {
    String cut = ClassifierInput.cut(text, ClassifierInput.MAX_CHARS);
    if (cut.isEmpty()) return new long[0];
    Encoding e = tokenizer.encode(cut, false, false);
    long[] ids = e.getIds();
    if (ids.length > maxTokens) {
      long[] c = new long[maxTokens];
      System.arraycopy(ids, 0, c, 0, maxTokens);
      return c;
    }
    return ids;
  }

  /** Feature ids (each in {@code [0, buckets)}) of a failure; never empty. */
  public long[] features(Failure f) {
    return features(ClassifierInput.render(f), ClassifierInput.structure(f));
  }

  /** Feature ids of a rendered text and its structural features; never empty. */
  public long[] features(String text, List<String> structure) {
    long[] tokens = tokenIds(text);
    int n = tokens.length + Math.max(0, tokens.length - 1) + structure.size();
    long[] out = new long[Math.max(1, n)];
    int k = 0;
    for (long t : tokens) out[k++] = bucket(UNIGRAM, t);
    for (int i = 1; i < tokens.length; i++) out[k++] = bucket(BIGRAM, tokens[i - 1] * 31_337L + tokens[i]);
    for (String s : structure) out[k++] = bucket(STRUCTURE, fnv(s));
    if (k == 0) out[k++] = bucket(STRUCTURE, fnv("empty"));
    return out;
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
