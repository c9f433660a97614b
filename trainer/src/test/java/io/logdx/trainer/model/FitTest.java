package io.logdx.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Failure;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.internal.FailureParser;
import io.logdx.core.stage1.OnnxClassifier.LexicalFeaturizer;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FitTest {
  static final int BUCKETS = 4096;
  static List<Sample> train;
  static List<Sample> test;

  @BeforeAll
  static void featurize() throws Exception {
    try (InputStream in = FitTest.class.getResourceAsStream("/io/logdx/model/tokenizer.json");
        LexicalFeaturizer fz = new LexicalFeaturizer(in, BUCKETS, 128)) {
      train = samples(ThrownFailures.generate(30, 1), fz);
      test = samples(ThrownFailures.generate(15, 2), fz);
    }
  }

  static List<Sample> samples(List<Example> examples, LexicalFeaturizer fz) {
    FailureParser parser = new FailureParser(List.of(), Diagnoser.Builder.DEFAULT_MAX_INPUT_CHARS);
    List<Sample> out = new ArrayList<>();
    for (Example e : examples) {
      Failure f = parser.parse(e.text());
      LexicalFeaturizer.Features ft = fz.features(f);
      long[] ids = ft.ids();
      int[] ii = new int[ids.length];
      for (int i = 0; i < ids.length; i++) ii[i] = (int) ids[i];
      out.add(
          new Sample(
              ii, ft.segments(), new float[0], ThrownFailures.LABELS.indexOf(e.label()), 1f));
    }
    return out;
  }

  static TrainConfig small() {
    return new TrainConfig(16, 24, 12, 3, 16, 5e-3f, 1e-4f, 0.1f, 0.1f, 0.5, 42L);
  }

  @Test
  void learnsFarAboveChance() {
    Fit.Result r = Fit.train(train, test, ThrownFailures.LABELS.size(), BUCKETS, 0, small(), null);
    int correct = 0;
    for (Sample s : test) {
      float[] p = r.model().probabilities(s, 1f);
      if (Metrics.topK(p, 1)[0] == s.label()) correct++;
    }
    double accuracy = (double) correct / test.size();
    // chance is 1/8
    assertThat(accuracy).isGreaterThan(0.85);
    assertThat(r.history()).isNotEmpty();
    assertThat(r.history().get(r.history().size() - 1).trainLoss())
        .isLessThan(r.history().get(0).trainLoss());
  }

  @Test
  void sameDataAndSeedGiveTheSameModel() {
    Fit.Result a = Fit.train(train, test, ThrownFailures.LABELS.size(), BUCKETS, 0, small(), null);
    Fit.Result b = Fit.train(train, test, ThrownFailures.LABELS.size(), BUCKETS, 0, small(), null);
    assertThat(b.model().emb).isEqualTo(a.model().emb);
    assertThat(b.model().w1).isEqualTo(a.model().w1);
    assertThat(b.model().w2).isEqualTo(a.model().w2);
    assertThat(b.model().b2).isEqualTo(a.model().b2);
    assertThat(b.bestEpoch()).isEqualTo(a.bestEpoch());
    Fit.Result c =
        Fit.train(train, test, ThrownFailures.LABELS.size(), BUCKETS, 0, small().withSeed(7), null);
    assertThat(c.model().w2).isNotEqualTo(a.model().w2);
  }
}
