package io.logdx.core.stage1;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.logdx.core.Failure;
import io.logdx.core.internal.FailureParser;
import io.logdx.core.stage1.OnnxClassifier.LexicalFeaturizer;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The featurizer's direct way to the word-piece ids (its own native tokenizer, its own settings) against DJL's
 * {@code HuggingFaceTokenizer} and {@code Encoding} with the options the featurizer used to give it, on many kinds
 * of text.
 */
class LexicalFeaturizerTest {

  @Test
  void directIdsAreDjlsIds() throws Exception {
    List<String> texts = new ArrayList<>();
    FailureParser parser = new FailureParser();
    for (Throwable t : thrown()) {
      Failure f = parser.parse(t);
      texts.add(ClassifierInput.render(f));
      texts.add(ClassifierInput.rootText(f));
      texts.add(ClassifierInput.contextText(f));
    }
    texts.add("java.sql.SQLException: 사용자 'app'의 로그인이 거부되었습니다 (잔액 부족: 계좌 <account>)");
    texts.add("Ünïcödé àccents, ligatures ﬁ ﬂ, full-width １２３, emoji 🚀🔥 and combining e\u0301");
    texts.add("tabs\tand\nnew lines\r\nand   runs of spaces, NUL \u0000 and controls \u0007");
    texts.add("x");
    texts.add("   ");
    SplittableRandom r = new SplittableRandom(7);
    StringBuilder garbage = new StringBuilder();
    for (int i = 0; i < 3000; i++) garbage.append((char) r.nextInt(0x20, 0xD7FF));
    texts.add(garbage.toString());
    texts.add("word ".repeat(1000)); // past the tokenizer's 256-token truncation

    try (InputStream in = getClass().getResourceAsStream("/io/logdx/model/tokenizer.json");
        LexicalFeaturizer fz = new LexicalFeaturizer(in, 32768, 256);
        InputStream in2 = getClass().getResourceAsStream("/io/logdx/model/tokenizer.json");
        HuggingFaceTokenizer djl =
            HuggingFaceTokenizer.newInstance(
                in2,
                Map.of(
                    "addSpecialTokens", "false",
                    "padding", "false",
                    "truncation", "true",
                    "maxLength", "256"))) {
      for (String t : texts) {
        assertThat(fz.encode(t))
            .as(t.length() > 80 ? t.substring(0, 80) : t)
            .containsExactly(djl.encode(t, false, false).getIds());
      }
      // and the texts gave ids at all: a comparison of empty arrays would prove nothing
      assertThat(fz.encode(texts.get(0))).hasSizeGreaterThan(10);
      assertThat(fz.encode("word ".repeat(1000))).hasSize(256);
    }
  }

  private static List<Throwable> thrown() {
    List<Throwable> out = new ArrayList<>();
    try {
      new BigDecimal("12,50");
    } catch (RuntimeException e) {
      out.add(new IllegalStateException("transfer T-1 failed", e));
    }
    try {
      LocalDate.parse("2026-02-31x");
    } catch (RuntimeException e) {
      out.add(e);
    }
    try {
      Object o = "text";
      out.add(new RuntimeException(String.valueOf((Integer) o)));
    } catch (ClassCastException e) {
      out.add(e);
    }
    try {
      List.of(1).get(3);
    } catch (RuntimeException e) {
      out.add(e);
    }
    return out;
  }

  @Test
  void typeWordsAddTheClassNameAsWordsToTheRootSegment() throws Exception {
    Failure f =
        new FailureParser()
            .parse(new java.sql.SQLSyntaxErrorException("Table \"ORDERS\" not found"));
    try (InputStream a = getClass().getResourceAsStream("/io/logdx/model/tokenizer.json");
        InputStream b = getClass().getResourceAsStream("/io/logdx/model/tokenizer.json");
        LexicalFeaturizer base = new LexicalFeaturizer(a, 32768, 256);
        LexicalFeaturizer words =
            new LexicalFeaturizer(
                b, 32768, 256, java.util.Set.of(LexicalFeaturizer.Extra.TYPE_WORDS))) {
      LexicalFeaturizer.Features fb = base.features(f);
      LexicalFeaturizer.Features fw = words.features(f);
      long[] syntax = words.tokenIds("sql syntax error exception", 32);
      assertThat(syntax).hasSize(4);
      // the base features are a prefix-preserving subset: every base id is still there, plus the
      // words' unigrams
      assertThat(fw.ids().length).isEqualTo(fb.ids().length + syntax.length);
      int rootBase = 0;
      int rootWords = 0;
      for (int s : fb.segments()) if (s == 0) rootBase++;
      for (int s : fw.segments()) if (s == 0) rootWords++;
      assertThat(rootWords).isEqualTo(rootBase + syntax.length);
      assertThat(words.extras()).containsExactly(LexicalFeaturizer.Extra.TYPE_WORDS);
    }
  }

  @Test
  void featureSetsAreNamedInModelProperties() {
    assertThat(LexicalFeaturizer.Extra.parse("")).isEmpty();
    assertThat(LexicalFeaturizer.Extra.parse(null)).isEmpty();
    assertThat(LexicalFeaturizer.Extra.parse("rules, typewords"))
        .containsExactly(LexicalFeaturizer.Extra.TYPE_WORDS, LexicalFeaturizer.Extra.RULES);
    assertThat(
            LexicalFeaturizer.Extra.format(java.util.EnumSet.allOf(LexicalFeaturizer.Extra.class)))
        .isEqualTo("typewords,rules");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LexicalFeaturizer.Extra.parse("typewords,pkgwords"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown stage 1 feature set 'pkgwords'");
  }

  @Test
  void ruleVotesAreChainStructureFeatures() throws Exception {
    FailureParser parser = new FailureParser();
    Failure refused =
        parser.parse(
            "com.acme.broker.BrokerUnavailableException: Could not reach broker: Connection refused");
    Failure nothing = parser.parse("com.acme.FooException: bar");
    assertThat(RuleBasedClassifier.votes(refused, 2)).first().isEqualTo("connection_refused");
    assertThat(RuleBasedClassifier.votes(nothing, 2)).isEmpty();
    try (InputStream a = getClass().getResourceAsStream("/io/logdx/model/tokenizer.json");
        InputStream b = getClass().getResourceAsStream("/io/logdx/model/tokenizer.json");
        LexicalFeaturizer base = new LexicalFeaturizer(a, 32768, 256);
        LexicalFeaturizer rules =
            new LexicalFeaturizer(b, 32768, 256, java.util.Set.of(LexicalFeaturizer.Extra.RULES))) {
      for (Failure f : List.of(refused, nothing)) {
        LexicalFeaturizer.Features fb = base.features(f);
        LexicalFeaturizer.Features fr = rules.features(f);
        int votes =
            Math.max(1, RuleBasedClassifier.votes(f, 2).size()); // "rule=none" when no rule matches
        assertThat(fr.ids().length).isEqualTo(fb.ids().length + votes);
        long structure = java.util.Arrays.stream(fr.segments()).filter(s -> s == 1).count();
        assertThat(structure)
            .isEqualTo(java.util.Arrays.stream(fb.segments()).filter(s -> s == 1).count() + votes);
      }
    }
  }
}
