package io.logdx.trainer.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The frozen pretrained encoder of variants (a) and (c): the quantised all-MiniLM-L6-v2 from the langchain4j jar
 * (resources only), its own tokenizer, one intra-op thread. {@link #hidden} gives the last hidden state that the
 * exported head pools; {@link #embed} pools it here for training.
 */
public final class MiniLm implements AutoCloseable {
  public static final int DIM = 384;
  private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

  private final HuggingFaceTokenizer tokenizer;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final int maxTokens;

  /** The last hidden state and the attention mask of one text. */
  public record Hidden(float[][] state, int tokens) {}

  public MiniLm(int maxTokens) throws IOException, OrtException {
    System.setProperty("ai.djl.offline", "true");
    this.maxTokens = maxTokens;
    try (InputStream in = MiniLm.class.getResourceAsStream(TOKENIZER)) {
      if (in == null) throw new IOException("MiniLM tokenizer missing from the classpath");
      this.tokenizer =
          HuggingFaceTokenizer.newInstance(
              in,
              Map.of(
                  "padding",
                  "false",
                  "truncation",
                  "true",
                  "maxLength",
                  Integer.toString(maxTokens)));
    }
    byte[] model;
    try (InputStream in = MiniLm.class.getResourceAsStream(MODEL)) {
      if (in == null) throw new IOException("MiniLM model missing from the classpath");
      model = in.readAllBytes();
    }
    this.env = io.logdx.core.stage1.OnnxClassifier.environment();
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setIntraOpNumThreads(1);
      o.setInterOpNumThreads(1);
      o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      this.session = env.createSession(model, o);
    }
  }

  public int maxTokens() {
    return maxTokens;
  }

  /** The last hidden state of a text (cut to about 3 characters a token first). */
  public Hidden hidden(String text) throws OrtException {
    String cut = text.length() > maxTokens * 4 ? text.substring(0, maxTokens * 4) : text;
    Encoding e = tokenizer.encode(cut, true, false);
    long[] ids = e.getIds();
    long[] mask = e.getAttentionMask();
    long[] types = e.getTypeIds();
    long[] shape = {1, ids.length};
    Map<String, OnnxTensor> in = new HashMap<>();
    try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
        OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
        OnnxTensor c = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape)) {
      in.put("input_ids", a);
      in.put("attention_mask", b);
      in.put("token_type_ids", c);
      try (OrtSession.Result r = session.run(in)) {
        float[][][] h = (float[][][]) r.get(0).getValue();
        return new Hidden(h[0], ids.length);
      }
    }
  }

  /** Mean-pooled embedding of a text (every token is attended: no padding). */
  public float[] embed(String text) throws OrtException {
    return pool(hidden(text));
  }

  public static float[] pool(Hidden h) {
    float[] out = new float[DIM];
    for (float[] row : h.state()) for (int j = 0; j < DIM; j++) out[j] += row[j];
    for (int j = 0; j < DIM; j++) out[j] /= h.tokens();
    return out;
  }

  @Override
  public void close() throws OrtException {
    session.close();
    tokenizer.close();
  }
}
