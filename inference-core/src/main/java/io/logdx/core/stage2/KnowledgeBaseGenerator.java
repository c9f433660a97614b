package io.logdx.core.stage2;

import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.Generator;
import io.logdx.core.Generator.Explanation;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stage 2 from a knowledge base: for the category stage 1 chose, the variant whose evidence the trace holds
 * (a method called on null, a unique constraint, a refused host and port...) is filled with the entities of
 * this trace, in Korean or English. Nothing is invented: every concrete value comes from the masked trace,
 * and a text that needs a value the trace lacks says so in general words.
 *
 * <p>The knowledge base lives in three UTF-8 resources next to this class ({@code variants.txt},
 * {@code kb_en.txt}, {@code kb_ko.txt}), read and compiled once; a call only runs the precompiled entity
 * regexes and fills templates.
 *
 * <p>When stage 1 is unsure — its best probability is below {@link #UNSURE_BELOW}, or the second is within
 * {@link #CLOSE_SECOND} of it — the text says so and gives the second reading's cause and fix too.
 *
 * <p>Language: Korean for a locale whose language is {@code ko}, English for anything else.
 *
 * <h2>Another generator</h2>
 * This class is one implementation of the engine's {@link Generator} seam. Another one — an on-premises
 * language model, say — implements {@link Generator#explain} and is passed to the builder; appenders and the
 * CLI need no change:
 * <pre>{@code
 * Generator llm = (failure, classification, locale) -> {
 *   String prompt = MyPrompts.of(failure, classification, locale); // the failure is already masked
 *   return new Explanation(callOnPremModel(prompt), fixFrom(...), locale);
 * };
 * Diagnoser dx = Diagnoser.builder().generator(llm).build();
 * }</pre>
 * Such a generator may delegate to {@link #shared()} as a grounded fallback when the model is unavailable or
 * its answer names a value that the failure does not contain. It must be thread-safe and should keep within
 * the engine's time budget; whatever it throws becomes a diagnosis with status {@code error}.
 */
public final class KnowledgeBaseGenerator implements Generator {
  /** Below this best probability stage 1 counts as unsure: {@value}. */
  public static final double UNSURE_BELOW = 0.5;

  /** A second category within this distance of the best one makes stage 1 unsure: {@value}. */
  public static final double CLOSE_SECOND = 0.15;

  private static final KnowledgeBaseGenerator SHARED =
      new KnowledgeBaseGenerator(KnowledgeBase.load());

  private final KnowledgeBase kb;

  KnowledgeBaseGenerator(KnowledgeBase kb) {
    this.kb = kb;
  }

  /** The generator with the knowledge base shipped in this jar (loaded once, thread-safe). */
  public static KnowledgeBaseGenerator shared() {
    return SHARED;
  }

  @Override
  public Explanation explain(Failure failure, Classification classification, Locale locale) {
    String lang = language(locale);
    KnowledgeBase.Language texts = kb.language(lang);
    Map<String, String> entities = EntityExtractor.extract(failure);
    String where = failure.location().isPresent() ? "where" : "nowhere";
    entities.put("where", texts.phrases.get(where).render(entities));

    List<Prediction> top = classification.top();
    Prediction best = top.get(0);
    String[] first = render(best.label(), entities, texts);
    String cause = first[0];
    String fix = first[1];
    Prediction second = top.size() > 1 ? top.get(1) : null;
    if (isUnsure(best, second) && second != null) {
      String[] other = render(second.label(), entities, texts);
      Map<String, String> v = new HashMap<>();
      v.put("first_title", title(texts, labelOrUnknown(best.label())));
      v.put("second_title", title(texts, labelOrUnknown(second.label())));
      v.put("first_p", percent(best.probability()));
      v.put("second_p", percent(second.probability()));
      v.put("second_cause", other[0]);
      v.put("second_fix", other[1]);
      cause = cause + " " + texts.phrases.get("unsure.cause").render(v);
      fix = fix + "\n\n" + texts.phrases.get("unsure.fix").render(v);
    }
    return new Explanation(cause, fix, "ko".equals(lang) ? Locale.KOREAN : Locale.ENGLISH);
  }

  /** True when stage 1's best answer is weak or closely followed by a second. */
  static boolean isUnsure(Prediction best, Prediction second) {
    return best.probability() < UNSURE_BELOW
        || second != null && best.probability() - second.probability() < CLOSE_SECOND;
  }

  /** {@code ko} for Korean, {@code en} for anything else. */
  static String language(Locale locale) {
    return locale != null && "ko".equals(locale.getLanguage()) ? "ko" : "en";
  }

  /** Cause and fix of the label's selected variant. */
  private String[] render(
      String label, Map<String, String> entities, KnowledgeBase.Language texts) {
    String l = labelOrUnknown(label);
    KnowledgeBase.Variant v = kb.select(l, entities);
    if (v == null) v = kb.select(Diagnosis.UNKNOWN, entities);
    KnowledgeBase.Texts t = texts.texts.get(v.key());
    return new String[] {t.cause.render(entities), t.fix.render(entities)};
  }

  private String labelOrUnknown(String label) {
    return kb.variants(label).isEmpty() ? Diagnosis.UNKNOWN : label;
  }

  private static String title(KnowledgeBase.Language texts, String label) {
    Template t = texts.phrases.get("title." + label);
    return (t == null ? label : t.render(Map.of())) + " (" + label + ")";
  }

  private static String percent(double p) {
    return Long.toString(Math.round(Math.max(0, Math.min(1, p)) * 100));
  }

  /** Key ({@code label.variant}) of the variant used for this failure under this label: for tests and reviews. */
  String variantKey(Failure failure, String label) {
    Map<String, String> entities = EntityExtractor.extract(failure);
    KnowledgeBase.Variant v = kb.select(labelOrUnknown(label), entities);
    return v == null ? null : v.key();
  }

  /** The knowledge base behind this generator (tests check it for completeness). */
  KnowledgeBase knowledgeBase() {
    return kb;
  }
}
