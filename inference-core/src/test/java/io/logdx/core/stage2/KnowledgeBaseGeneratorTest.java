package io.logdx.core.stage2;

import static io.logdx.core.stage2.TestHarness.PARSER;
import static io.logdx.core.stage2.TestHarness.explain;
import static io.logdx.core.stage2.TestHarness.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.Generator.Explanation;
import io.logdx.core.engine.Diagnoser;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KnowledgeBaseGeneratorTest {
  private static final KnowledgeBaseGenerator GEN = KnowledgeBaseGenerator.shared();

  private static Throwable parseFailure() {
    return thrown(() -> Integer.parseInt("2024-01"));
  }

  @Test
  void unsureStage1GivesBothReadingsInBothLanguages() throws Exception {
    List<Prediction> top =
        List.of(
            new Prediction("number_format", 0.46),
            new Prediction("date_time_parse", 0.41),
            new Prediction("illegal_argument", 0.08));
    TestHarness.Explained x =
        explain(
            PARSER.parse(parseFailure()), "number_format", new TestHarness.FixedClassifier(top));
    assertThat(x.en.cause())
        .startsWith("The text \"2024-01\" is not a valid number")
        .contains(
            "Stage 1 is not sure",
            "(number_format) (46%)",
            "(date_time_parse) (41%)",
            "The second reading: The text \"2024-01\" could not be parsed as a date or time");
    assertThat(x.en.fix())
        .contains(
            "If it is rather a date or time that could not be parsed (date_time_parse)",
            "DateTimeFormatter.ofPattern");
    assertThat(x.ko.cause())
        .contains("1단계 분류가 확실하지 않습니다", "46%", "41%", "두 번째 해석", "날짜나 시간으로 변환하지 못했습니다");
    assertThat(x.ko.fix()).contains("두 번째 해석(날짜·시간 변환 실패 (date_time_parse))이 맞다면");
  }

  @Test
  void aCloseSecondAlsoCountsAsUnsureButAClearAnswerDoesNot() throws Exception {
    Failure f = PARSER.parse(parseFailure());
    TestHarness.Explained close =
        explain(
            f,
            "number_format",
            new TestHarness.FixedClassifier(
                List.of(
                    new Prediction("number_format", 0.55),
                    new Prediction("illegal_argument", 0.42))));
    assertThat(close.en.cause()).contains("Stage 1 is not sure");
    TestHarness.Explained clear =
        explain(
            f,
            "number_format",
            new TestHarness.FixedClassifier(
                List.of(
                    new Prediction("number_format", 0.81),
                    new Prediction("illegal_argument", 0.12))));
    assertThat(clear.en.cause()).doesNotContain("not sure");
    assertThat(clear.ko.cause()).doesNotContain("확실하지 않습니다");
    TestHarness.Explained single =
        explain(
            f,
            "number_format",
            new TestHarness.FixedClassifier(List.of(new Prediction("number_format", 0.3))));
    assertThat(single.en.cause()).doesNotContain("second reading");
  }

  @Test
  void localesOtherThanKoreanFallBackToEnglish() throws Exception {
    Failure f = PARSER.parse(parseFailure());
    Classification c = new TestHarness.FixedClassifier("number_format").classify(f);
    Explanation fr = GEN.explain(f, c, Locale.FRENCH);
    Explanation en = GEN.explain(f, c, Locale.ENGLISH);
    Explanation koKr = GEN.explain(f, c, Locale.forLanguageTag("ko-KR"));
    assertThat(fr.locale()).isEqualTo(Locale.ENGLISH);
    assertThat(fr.cause()).isEqualTo(en.cause());
    assertThat(koKr.locale()).isEqualTo(Locale.KOREAN);
    assertThat(koKr.cause()).contains("올바른 숫자가 아닙니다");
    assertThat(KnowledgeBaseGenerator.language(null)).isEqualTo("en");
  }

  @Test
  void labelsOutsideTheTaxonomyAndEmptyFailuresGetTheUnknownText() throws Exception {
    Failure text = PARSER.parse("payment batch finished with warnings");
    assertThat(text.isEmpty()).isTrue();
    TestHarness.Explained x =
        explain(text, "no_such_label", new TestHarness.FixedClassifier("no_such_label"));
    assertThat(x.variant).isEqualTo("unknown.message");
    assertThat(x.en.cause())
        .contains("payment batch finished with warnings", "(no application frame in the trace)");
    Failure nothing = PARSER.parse((String) null);
    TestHarness.Explained y =
        explain(nothing, "unknown", new TestHarness.FixedClassifier("unknown"));
    assertThat(y.variant).isEqualTo("unknown.default");
  }

  @Test
  void theEngineUsesItByDefaultAndWritesTheReferenceSummary() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    int closedPort = port;
    Throwable refused =
        thrown(() -> SocketChannel.open(new InetSocketAddress("127.0.0.1", closedPort)));
    try (Diagnoser dx =
        Diagnoser.builder()
            .classifier(new TestHarness.FixedClassifier("connection_refused"))
            .appPackages("io.logdx.core.stage2")
            .locale(Locale.KOREAN)
            .build()) {
      Diagnosis d = dx.diagnoseNow(refused);
      assertThat(d.status()).isEqualTo(Diagnosis.Status.OK);
      assertThat(d.locale()).isEqualTo(Locale.KOREAN);
      String at =
          d.location()
              .map(
                  l ->
                      l.className().substring(l.className().lastIndexOf('.') + 1)
                          + "."
                          + l.methodName())
              .orElseThrow();
      assertThat(d.cause()).contains(at, "연결이 거부되었습니다", "트레이스에 호스트와 포트가 없습니다");
      assertThat(d.cause()).doesNotContain(Integer.toString(closedPort));
      assertThat(d.fix()).isNotBlank();
      assertThat(d.summary())
          .startsWith("type=connection_refused; cause=")
          .contains("; at=io.logdx.core.stage2.");
    }
  }

  @Test
  void anotherGeneratorPlugsInThroughTheBuilder() {
    io.logdx.core.Generator onPrem =
        (failure, classification, locale) ->
            new Explanation("from the on-premises model", "restart it", locale);
    try (Diagnoser dx =
        Diagnoser.builder()
            .classifier(new TestHarness.FixedClassifier("unknown"))
            .generator(onPrem)
            .locale(Locale.ENGLISH)
            .build()) {
      Diagnosis d = dx.diagnoseNow(new IllegalStateException("x"));
      assertThat(d.cause()).isEqualTo("from the on-premises model");
    }
  }

  @Test
  void concurrentCallsGiveTheSameTextsAsSequentialOnes() throws Exception {
    List<Failure> failures = new ArrayList<>();
    List<String> labels =
        List.of("number_format", "index_out_of_bounds", "null_reference", "arithmetic");
    failures.add(PARSER.parse(parseFailure()));
    failures.add(PARSER.parse(thrown(() -> List.of(1).get(4))));
    failures.add(PARSER.parse(thrown(() -> ((String) null).length())));
    failures.add(PARSER.parse(thrown(() -> System.out.println(1 / (labels.size() - 4)))));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < failures.size(); i++) {
      Failure f = failures.get(i);
      expected.add(
          GEN.explain(f, new TestHarness.FixedClassifier(labels.get(i)).classify(f), Locale.KOREAN)
              .cause());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int t = 0; t < 400; t++) {
        int i = t % failures.size();
        tasks.add(
            () -> {
              Failure f = failures.get(i);
              String got =
                  GEN.explain(
                          f,
                          new TestHarness.FixedClassifier(labels.get(i)).classify(f),
                          Locale.KOREAN)
                      .cause();
              return got.equals(expected.get(i));
            });
      }
      for (Future<Boolean> r : pool.invokeAll(tasks)) assertThat(r.get()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }
}
