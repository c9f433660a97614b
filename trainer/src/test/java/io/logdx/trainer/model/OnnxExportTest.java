package io.logdx.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.logdx.core.stage1.OnnxClassifier;
import io.logdx.core.stage1.OnnxClassifier.LexicalFeaturizer;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OnnxExportTest {
  @Test
  void exportedLexicalModelGivesTheTrainersProbabilities() throws Exception {
    FitTest.featurize();
    TrainConfig cfg = FitTest.small();
    Fit.Result r =
        Fit.train(
            FitTest.train,
            FitTest.test,
            ThrownFailures.LABELS.size(),
            FitTest.BUCKETS,
            0,
            cfg,
            null);
    BagMlp m = r.model();
    m.roundEmbeddingsToHalf();
    float t = 0.7f;
    byte[] onnx = OnnxExport.export(m, t, "test");
    try (InputStream in = getClass().getResourceAsStream("/io/logdx/model/tokenizer.json");
        OnnxClassifier c =
            new OnnxClassifier(
                "test/0",
                onnx,
                ThrownFailures.LABELS,
                0.0,
                new LexicalFeaturizer(in, FitTest.BUCKETS, 128))) {
      for (Sample s : FitTest.test) {
        long[] ids = new long[s.ids().length];
        for (int i = 0; i < ids.length; i++) ids[i] = s.ids()[i];
        float[] onnxP = c.probabilities(new LexicalFeaturizer.Features(ids, s.segments()));
        float[] javaP = m.probabilities(s, t);
        assertThat(onnxP).hasSize(javaP.length);
        for (int i = 0; i < javaP.length; i++)
          assertThat(onnxP[i]).isCloseTo(javaP[i], within(1e-5f));
      }
    }
  }

  @Test
  void ensembleOfExportedMembersGivesTheMeanOfTheTrainersProbabilities() throws Exception {
    FitTest.featurize();
    TrainConfig cfg = FitTest.small();
    List<BagMlp> members = new java.util.ArrayList<>();
    List<byte[]> graphs = new java.util.ArrayList<>();
    float[] temperatures = {0.7f, 1.2f, 0.9f};
    for (int k = 0; k < temperatures.length; k++) {
      BagMlp m =
          Fit.train(
                  FitTest.train,
                  FitTest.test,
                  ThrownFailures.LABELS.size(),
                  FitTest.BUCKETS,
                  0,
                  cfg.withSeed(cfg.seed() + k),
                  null)
              .model();
      m.roundEmbeddingsToHalf();
      members.add(m);
      graphs.add(OnnxExport.export(m, temperatures[k], "member " + k));
    }
    Ensemble ensemble = new Ensemble(members, temperatures).withMeanTemperature(0.8f);
    try (InputStream in = getClass().getResourceAsStream("/io/logdx/model/tokenizer.json");
        OnnxClassifier c =
            new OnnxClassifier(
                "test/0",
                graphs,
                ThrownFailures.LABELS,
                new OnnxClassifier.Calibration(0.8, 0.0),
                new LexicalFeaturizer(in, FitTest.BUCKETS, 128))) {
      assertThat(c.members()).isEqualTo(3);
      boolean membersDiffer = false;
      for (Sample s : FitTest.test) {
        long[] ids = new long[s.ids().length];
        for (int i = 0; i < ids.length; i++) ids[i] = s.ids()[i];
        float[] onnxP = c.probabilities(new LexicalFeaturizer.Features(ids, s.segments()));
        float[] javaP = ensemble.probabilities(s);
        float[] first = Ensemble.sharpen(members.get(0).probabilities(s, temperatures[0]), 0.8f);
        float sum = 0;
        for (int i = 0; i < javaP.length; i++) {
          assertThat(onnxP[i]).isCloseTo(javaP[i], within(1e-5f));
          membersDiffer |= Math.abs(first[i] - javaP[i]) > 1e-3f;
          sum += onnxP[i];
        }
        assertThat(sum).isCloseTo(1f, within(1e-4f));
      }
      // otherwise the test could not tell a mean from the first member's answer
      assertThat(membersDiffer).isTrue();
    }
  }

  @Test
  void exportedEncoderHeadPoolsAndGivesTheTrainersProbabilities() throws Exception {
    int dense = 384;
    BagMlp m = new BagMlp(512, LexicalFeaturizer.SEGMENTS, 8, dense, 16, 5, 3L);
    m.roundEmbeddingsToHalf();
    byte[] onnx = OnnxExport.export(m, 1.3f, "test");
    SplittableRandom r = new SplittableRandom(9);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(onnx, new OrtSession.SessionOptions())) {
      for (int trial = 0; trial < 5; trial++) {
        int tokens = 3 + r.nextInt(20);
        float[] hidden = new float[tokens * dense];
        for (int i = 0; i < hidden.length; i++) hidden[i] = (float) r.nextGaussian();
        float[] pooled = new float[dense];
        for (int k = 0; k < tokens; k++)
          for (int j = 0; j < dense; j++) pooled[j] += hidden[k * dense + j] / tokens;
        float[] mask = new float[tokens];
        java.util.Arrays.fill(mask, 1f);
        int[] ids = {r.nextInt(512), r.nextInt(512), r.nextInt(512), r.nextInt(512)};
        int[] segs = {0, 1, 2, 2};
        long[] lids = {ids[0], ids[1], ids[2], ids[3]};
        float[] weights = new LexicalFeaturizer.Features(lids, segs).weights();
        try (OnnxTensor h =
                OnnxTensor.createTensor(
                    env, FloatBuffer.wrap(hidden), new long[] {1, tokens, dense});
            OnnxTensor mk =
                OnnxTensor.createTensor(env, FloatBuffer.wrap(mask), new long[] {1, 1, tokens});
            OnnxTensor id = OnnxTensor.createTensor(env, LongBuffer.wrap(lids), new long[] {4});
            OnnxTensor w =
                OnnxTensor.createTensor(env, FloatBuffer.wrap(weights), new long[] {3, 4});
            OrtSession.Result res =
                s.run(Map.of("last_hidden_state", h, "mask", mk, "ids", id, "weights", w))) {
          float[] onnxP = ((float[][]) res.get(0).getValue())[0];
          float[] javaP = m.probabilities(new Sample(ids, segs, pooled, 0, 1f), 1.3f);
          for (int i = 0; i < javaP.length; i++)
            assertThat(onnxP[i]).isCloseTo(javaP[i], within(1e-5f));
        }
      }
    }
  }

  @Test
  void halfPrecisionRoundTrips() {
    for (float f :
        new float[] {0f, 1f, -2.5f, 65504f, 6.1035156e-5f, 5.9604645e-8f, 0.1f, -0.333f}) {
      assertThat(Math.abs(Fp16.round(f) - f)).isLessThanOrEqualTo(Math.abs(f) / 1024f + 1e-8f);
    }
    assertThat(Fp16.toFloat(Fp16.fromFloat(1f))).isEqualTo(1f);
    assertThat(Fp16.fromFloat(1f)).isEqualTo((short) 0x3c00);
    assertThat(Fp16.fromFloat(-2f)).isEqualTo((short) 0xc000);
    assertThat(Float.isInfinite(Fp16.round(1e6f))).isTrue();
    assertThat(List.of(Fp16.round(0.1f))).containsExactly(0.099975586f);
  }
}
