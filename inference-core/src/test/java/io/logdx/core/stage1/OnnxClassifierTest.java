package io.logdx.core.stage1;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.internal.FailureParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped model, loaded from the classpath with DJL offline, on real thrown exceptions. */
class OnnxClassifierTest {
  private final FailureParser parser = new FailureParser();

  @Test
  void theDefaultDiagnoserRunsTheShippedOnnxModel() throws Exception {
    try (Diagnoser dx = Diagnoser.builder().locale(Locale.ENGLISH).build()) {
      assertThat(dx.modelId())
          .startsWith("logdx-stage1-lexical/")
          .doesNotContain(RuleBasedClassifier.ID);
      assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
      Diagnosis d = dx.diagnoseNow(thrown(() -> new BigDecimal("12,50")));
      assertThat(d.category()).isEqualTo("number_format");
      assertThat(d.model()).isEqualTo(dx.modelId());
      assertThat(d.top()).hasSizeGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void classifiesRealFailures() throws Exception {
    try (OnnxClassifier c = OnnxModels.load(ModelLoader.DEFAULT)) {
      assertThat(label(c, thrown(() -> LocalDate.parse("2026-02-31x"))))
          .isEqualTo("date_time_parse");
      assertThat(label(c, thrown(() -> List.of(1, 2).get(5)))).isEqualTo("index_out_of_bounds");
      assertThat(label(c, refused())).isEqualTo("connection_refused");
      assertThat(
              label(
                  c,
                  thrown(
                      () -> {
                        Object o = "text";
                        return (Integer) o;
                      })))
          .isEqualTo("class_cast");
    }
  }

  @Test
  void isThreadSafe() throws Exception {
    List<Failure> failures =
        List.of(
            parser.parse(thrown(() -> Integer.parseInt("x1"))),
            parser.parse(refused()),
            parser.parse(thrown(() -> List.of().iterator().next())),
            parser.parse("ERROR no space left on device"));
    try (OnnxClassifier c = OnnxModels.load(ModelLoader.DEFAULT)) {
      List<String> expected = new ArrayList<>();
      for (Failure f : failures) expected.add(c.classify(f).toString());
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          Failure f = failures.get(i % failures.size());
          results.add(pool.submit(() -> c.classify(f).toString()));
        }
        for (int i = 0; i < results.size(); i++)
          assertThat(results.get(i).get()).isEqualTo(expected.get(i % failures.size()));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void belowTheThresholdTheAnswerIsUnknownFollowedByTheRanking() {
    List<String> labels = List.of("a", "b", "c", "d", "e", "f", Diagnosis.UNKNOWN);
    float[] p = {0.30f, 0.25f, 0.15f, 0.10f, 0.08f, 0.07f, 0.05f};
    List<Prediction> sure = OnnxClassifier.rank(p, labels, 0.2);
    assertThat(sure).extracting(Prediction::label).containsExactly("a", "b", "c", "d", "e");
    List<Prediction> unsure = OnnxClassifier.rank(p, labels, 0.4);
    assertThat(unsure)
        .extracting(Prediction::label)
        .containsExactly(Diagnosis.UNKNOWN, "a", "b", "c", "d", "e");
    assertThat(unsure.get(0).probability())
        .isEqualTo(1 - 0.30f, org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void anEmptyFailureIsUnknown() throws Exception {
    try (OnnxClassifier c = OnnxModels.load(ModelLoader.DEFAULT)) {
      Classification cl = c.classify(parser.parse((String) null));
      assertThat(cl.best().label()).isEqualTo(Diagnosis.UNKNOWN);
    }
  }

  @Test
  void aMissingOrBrokenModelFallsBackToTheRules(@TempDir Path dir) throws Exception {
    assertThat(ModelLoader.load(dir.resolve("nothing-here").toString()).id())
        .isEqualTo(RuleBasedClassifier.ID);
    Files.writeString(
        dir.resolve("model.properties"),
        "id=x\nversion=1\nonnx=missing.onnx\ntokenizer=t.json\n"
            + "buckets=16\nmaxTokens=8\nlabels=a,b\n");
    String id = ModelLoader.load(dir.toString()).id();
    assertThat(id).startsWith(RuleBasedClassifier.ID).contains("fallback");
    Files.writeString(dir.resolve("model.properties"), "garbage");
    assertThat(ModelLoader.load(dir.toString()).id()).contains("fallback");
  }

  private static String label(OnnxClassifier c, Throwable t) throws Exception {
    return c.classify(new FailureParser().parse(t)).best().label();
  }

  interface Action {
    Object run() throws Exception;
  }

  private static Throwable thrown(Action a) {
    try {
      a.run();
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  /** A real refused connection: a loopback port that was bound and released. */
  private static Throwable refused() {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 2000);
    } catch (ConnectException e) {
      return new UncheckedIOException("ledger service unreachable", e);
    } catch (IOException e) {
      return e;
    }
    throw new AssertionError("expected a refused connection");
  }
}
