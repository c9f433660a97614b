package io.logdx.core.stage2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logdx.core.Classifier.Taxonomy;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {
  private final KnowledgeBase kb = KnowledgeBaseGenerator.shared().knowledgeBase();

  /** Entities that every failure has (see EntityExtractor and KnowledgeBaseGenerator). */
  private static final Set<String> ALWAYS = Set.of("where", "types", "text");

  @Test
  void everyTaxonomyLabelHasVariantsInBothLanguagesAndNothingElse() {
    assertThat(kb.labels()).containsExactlyInAnyOrderElementsOf(Taxonomy.ids());
    for (String label : Taxonomy.ids()) {
      List<KnowledgeBase.Variant> variants = kb.variants(label);
      assertThat(variants).as(label).isNotEmpty();
      assertThat(variants.get(variants.size() - 1).conditions)
          .as("the last variant of %s must have no condition, so that one always applies", label)
          .isEmpty();
      for (KnowledgeBase.Variant v : variants) {
        for (String lang : KnowledgeBase.LANGUAGES) {
          assertThat(kb.language(lang).texts).as("%s in %s", v.key(), lang).containsKey(v.key());
          assertThat(kb.language(lang).phrases)
              .as("title of %s in %s", label, lang)
              .containsKey("title." + label);
        }
      }
    }
    for (String lang : KnowledgeBase.LANGUAGES) {
      Set<String> declared = new HashSet<>();
      Taxonomy.ids().forEach(l -> kb.variants(l).forEach(v -> declared.add(v.key())));
      assertThat(declared)
          .as("texts of %s without a variant in variants.txt", lang)
          .containsAll(kb.language(lang).texts.keySet());
      assertThat(kb.language(lang).phrases)
          .containsKeys("where", "nowhere", "unsure.cause", "unsure.fix");
    }
  }

  /**
   * A placeholder outside an optional part must have a value whenever its variant is chosen: it is one of
   * the variant's conditions or an entity every failure has. Otherwise the text would have a hole.
   */
  @Test
  void requiredPlaceholdersAreGuaranteedByTheVariantConditions() {
    List<String> holes = new java.util.ArrayList<>();
    for (String label : Taxonomy.ids()) {
      for (KnowledgeBase.Variant v : kb.variants(label)) {
        Set<String> guaranteed = new HashSet<>(ALWAYS);
        for (KnowledgeBase.Condition c : v.conditions) {
          if (!c.negated) guaranteed.add(c.entity);
        }
        for (String lang : KnowledgeBase.LANGUAGES) {
          KnowledgeBase.Texts t = kb.language(lang).texts.get(v.key());
          Set<String> required = new HashSet<>(t.cause.requiredNames());
          required.addAll(t.fix.requiredNames());
          required.removeAll(guaranteed);
          if (!required.isEmpty()) holes.add(v.key() + " (" + lang + "): " + required);
        }
      }
    }
    assertThat(holes).as("placeholders that may have no value").isEmpty();
  }

  /**
   * Words must not run together where an optional part meets its surroundings ("provides" + "the class"):
   * every variant is rendered with all of its placeholders and with only the guaranteed ones, and every word of
   * the result must be a word of the knowledge-base file.
   */
  @Test
  void optionalPartsJoinTheirSurroundingsWithoutGluingWords() {
    java.util.regex.Pattern word = java.util.regex.Pattern.compile("[\\p{L}\\p{N}_]+");
    List<String> glued = new java.util.ArrayList<>();
    for (String lang : KnowledgeBase.LANGUAGES) {
      String file = String.join("\n", TestHarness.read("kb_" + lang + ".txt"));
      for (String label : Taxonomy.ids()) {
        for (KnowledgeBase.Variant v : kb.variants(label)) {
          KnowledgeBase.Texts t = kb.language(lang).texts.get(v.key());
          Map<String, String> all = new java.util.HashMap<>();
          Map<String, String> few = new java.util.HashMap<>();
          for (String n : t.cause.names()) all.put(n, "{" + n + "}");
          for (String n : t.fix.names()) all.put(n, "{" + n + "}");
          for (KnowledgeBase.Condition c : v.conditions)
            if (!c.negated) few.put(c.entity, "{" + c.entity + "}");
          few.put("where", "{where}");
          for (Map<String, String> values : List.of(all, few)) {
            String out = t.cause.render(values) + "\n" + t.fix.render(values);
            java.util.regex.Matcher m = word.matcher(out);
            while (m.find()) {
              if (!file.contains(m.group())) glued.add(v.key() + " (" + lang + "): " + m.group());
            }
          }
        }
      }
    }
    assertThat(glued).isEmpty();
  }

  @Test
  void bothLanguagesUseTheSamePlaceholdersPerVariant() {
    for (String label : Taxonomy.ids()) {
      for (KnowledgeBase.Variant v : kb.variants(label)) {
        KnowledgeBase.Texts en = kb.language("en").texts.get(v.key());
        KnowledgeBase.Texts ko = kb.language("ko").texts.get(v.key());
        assertThat(ko.cause.names())
            .as("cause placeholders of %s", v.key())
            .isEqualTo(en.cause.names());
      }
    }
  }

  @Test
  void templatesFillPlaceholdersAndOptionalParts() {
    Template t = Template.compile("at {a}[[ line {b}||, no line]][[ ({c})]] if (x) { y(); }");
    assertThat(t.render(Map.of("a", "Pay.run", "b", "42")))
        .isEqualTo("at Pay.run line 42 if (x) { y(); }");
    assertThat(t.render(Map.of("a", "Pay.run"))).isEqualTo("at Pay.run, no line if (x) { y(); }");
    assertThat(t.render(Map.of("a", "A", "c", "C"))).isEqualTo("at A, no line (C) if (x) { y(); }");
    assertThat(t.requiredNames()).containsExactly("a");
    assertThat(t.names()).containsExactlyInAnyOrder("a", "b", "c");
    assertThatThrownBy(() -> Template.compile("x [[ unclosed"))
        .isInstanceOf(IllegalArgumentException.class);
    Template nested = Template.compile("x[[ {a}||[[ {b}||none]]]] a || b");
    assertThat(nested.render(Map.of("b", "B"))).isEqualTo("x B a || b");
    assertThat(nested.render(Map.of())).isEqualTo("xnone a || b");
  }

  @Test
  void malformedFilesAreRejectedWithTheirLine() {
    assertThatThrownBy(() -> KnowledgeBase.parseVariants(List.of("nolabel")))
        .hasMessageContaining("variants.txt:1");
    assertThatThrownBy(() -> KnowledgeBase.parseVariants(List.of("a.b  x~(")))
        .hasMessageContaining("bad regex");
    assertThatThrownBy(
            () -> KnowledgeBase.parseTexts(List.of("== a.b", "cause: only a cause"), "kb_x.txt"))
        .hasMessageContaining("needs cause: and fix:");
    assertThatThrownBy(() -> KnowledgeBase.parseTexts(List.of("stray text"), "kb_x.txt"))
        .hasMessageContaining("kb_x.txt:1");
  }

  @Test
  void fixKeepsItsLinesAndCauseIsOneParagraph() {
    KnowledgeBase.Language l =
        KnowledgeBase.parseTexts(
            List.of("== a.b", "cause: one", "two", "fix: 1. step", "    code();", "", "2. next"),
            "kb_x.txt");
    KnowledgeBase.Texts t = l.texts.get("a.b");
    assertThat(t.cause.render(Map.of())).isEqualTo("one two");
    assertThat(t.fix.render(Map.of())).isEqualTo("1. step\n    code();\n\n2. next");
  }
}
