package io.logdx.core.stage2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import io.logdx.core.Failure.StackFrame;
import io.logdx.core.Generator.Explanation;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.internal.FailureParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every stage 2 test does: parse a failure as the engine does, classify it with a fixed answer (so the
 * test is about stage 2 only), explain it in both languages and check that the text invents nothing.
 */
final class TestHarness {
  static final FailureParser PARSER =
      new FailureParser(List.of("io.logdx.core.stage2"), Diagnoser.Builder.DEFAULT_MAX_INPUT_CHARS);
  static final KnowledgeBaseGenerator GENERATOR = KnowledgeBaseGenerator.shared();

  private static final Pattern NUMBER = Pattern.compile("\\d+");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
  private static final Pattern HOSTISH =
      Pattern.compile(
          "\\b(?:localhost|\\d{1,3}(?:\\.\\d{1,3}){3}|[a-z0-9-]+(?:\\.[a-z0-9-]+)+:\\d{1,5})\\b");
  // "||" is not checked: Java snippets use it; a stray one would come with a stray [[ or ]]
  private static final Pattern LEFTOVER = Pattern.compile("\\{[a-z][a-z0-9_]*\\}|\\[\\[|\\]\\]");

  private TestHarness() {}

  /** A stage 1 stand-in that always gives the same answer. */
  static final class FixedClassifier implements Classifier {
    private final Classification answer;

    FixedClassifier(String label) {
      this(List.of(new Prediction(label, 0.92), new Prediction("unknown", 0.03)));
    }

    FixedClassifier(List<Prediction> top) {
      this.answer = new Classification(top, "fixed-test-classifier/1");
    }

    @Override
    public Classification classify(Failure failure) {
      return answer;
    }

    @Override
    public String id() {
      return "fixed-test-classifier/1";
    }
  }

  /** A failure explained in both languages. */
  static final class Explained {
    final Failure failure;
    final String inputText;
    final Explanation en;
    final Explanation ko;
    final String variant;

    Explained(Failure failure, String inputText, Explanation en, Explanation ko, String variant) {
      this.failure = failure;
      this.inputText = inputText;
      this.en = en;
      this.ko = ko;
      this.variant = variant;
    }

    String all() {
      return en.cause() + "\n" + en.fix() + "\n" + ko.cause() + "\n" + ko.fix();
    }

    @Override
    public String toString() {
      return "["
          + variant
          + "]\nEN cause: "
          + en.cause()
          + "\nEN fix: "
          + en.fix()
          + "\nKO cause: "
          + ko.cause()
          + "\nKO fix: "
          + ko.fix();
    }
  }

  static Explained explain(Throwable t, String label) throws Exception {
    return explain(PARSER.parse(t), label, new FixedClassifier(label));
  }

  static Explained explainText(String text, String label) throws Exception {
    return explain(PARSER.parse(text), label, new FixedClassifier(label), text);
  }

  static Explained explain(Failure f, String label, Classifier classifier) throws Exception {
    return explain(f, label, classifier, null);
  }

  static Explained explain(Failure f, String label, Classifier classifier, String rawText)
      throws Exception {
    Classification c = classifier.classify(f);
    Explanation en = GENERATOR.explain(f, c, Locale.ENGLISH);
    Explanation ko = GENERATOR.explain(f, c, Locale.KOREAN);
    assertThat(en.locale().getLanguage()).isEqualTo("en");
    assertThat(ko.locale().getLanguage()).isEqualTo("ko");
    StringBuilder input = new StringBuilder();
    for (CauseNode n : f.chain()) appendNode(n, input);
    f.location().ifPresent(l -> input.append(l.printed()).append('\n'));
    if (f.logLine() != null) input.append(f.logLine()).append('\n');
    for (Prediction p : c.top()) {
      input.append(p.label()).append(' ').append(Math.round(p.probability() * 100)).append('\n');
    }
    Explained x = new Explained(f, input.toString(), en, ko, GENERATOR.variantKey(f, label));
    if (System.getProperty("stage2.print") != null)
      System.out.println("=== " + label + "\n" + x + "\n");
    List<String> labels = new ArrayList<>();
    for (Prediction p : c.top()) labels.add(p.label());
    assertGrounded(x, labels);
    if (rawText != null) assertThat(rawText).isNotEmpty();
    return x;
  }

  private static void appendNode(CauseNode n, StringBuilder sb) {
    sb.append(n.header()).append('\n');
    for (StackFrame fr : n.frames())
      sb.append(fr.printed()).append(' ').append(fr.jar()).append('\n');
    for (CauseNode s : n.suppressed()) appendNode(s, sb);
  }

  /**
   * The generic "invents nothing" check, applied to every test: every word and every number of the output
   * occurs in the input (the masked failure and stage 1's answer) or in the fixed text of the knowledge base;
   * numbers not in the input must be in the texts of stage 1's labels or the shared phrases; no host name or
   * address appears that the input lacks; no template syntax is left over; the location is named.
   */
  static void assertGrounded(Explained x, List<String> labels) {
    for (String lang : KnowledgeBase.LANGUAGES) {
      Explanation e = "ko".equals(lang) ? x.ko : x.en;
      String out = e.cause() + "\n" + e.fix();
      String kb = kbText(lang, null);
      StringBuilder labelKb = new StringBuilder(kbText(lang, "unknown")).append(commonText(lang));
      for (String label : labels) labelKb.append(kbText(lang, label));
      assertThat(e.cause()).as("cause (%s)", lang).isNotBlank();
      assertThat(e.fix()).as("fix (%s)", lang).isNotBlank();
      Matcher left = LEFTOVER.matcher(out);
      while (left.find()) {
        if (!x.inputText.contains(left.group()))
          fail("template syntax left in output: " + left.group() + "\n" + out);
      }
      Matcher w = WORD.matcher(out);
      while (w.find()) {
        String tok = w.group();
        if (!x.inputText.contains(tok) && !kb.contains(tok)) {
          fail(
              "invented word '"
                  + tok
                  + "' ("
                  + lang
                  + "):\n"
                  + out
                  + "\n--- input:\n"
                  + x.inputText);
        }
      }
      Set<String> inputNumbers = tokens(NUMBER, x.inputText);
      Set<String> kbNumbers = tokens(NUMBER, labelKb.toString());
      Matcher n = NUMBER.matcher(out);
      while (n.find()) {
        String num = n.group();
        if (!inputNumbers.contains(num) && !kbNumbers.contains(num)) {
          fail(
              "invented number "
                  + num
                  + " ("
                  + lang
                  + "):\n"
                  + out
                  + "\n--- input:\n"
                  + x.inputText);
        }
      }
      Matcher h = HOSTISH.matcher(out);
      while (h.find()) {
        if (!x.inputText.contains(h.group())) {
          fail("invented host/address " + h.group() + " (" + lang + "):\n" + out);
        }
      }
      x.failure
          .location()
          .ifPresent(
              l -> {
                String simple = l.className().substring(l.className().lastIndexOf('.') + 1);
                assertThat(e.cause())
                    .as("location in cause (%s)", lang)
                    .contains(simple + "." + l.methodName());
                if (l.lineNumber() >= 0) assertThat(e.cause()).contains(":" + l.lineNumber());
              });
    }
  }

  private static Set<String> tokens(Pattern p, String s) {
    Set<String> out = new HashSet<>();
    Matcher m = p.matcher(s);
    while (m.find()) out.add(m.group());
    return out;
  }

  /** The knowledge-base text of a language: the whole file, or only the sections of one label. */
  static String kbText(String lang, String label) {
    List<String> lines = read("kb_" + lang + ".txt");
    if (label == null) return String.join("\n", lines);
    StringBuilder sb = new StringBuilder();
    boolean in = false;
    for (String line : lines) {
      if (line.startsWith("== ")) in = line.startsWith("== " + label + ".");
      else if (line.startsWith("@")) in = line.startsWith("@title." + label + " ");
      if (in) sb.append(line).append('\n');
    }
    return sb.toString();
  }

  private static String commonText(String lang) {
    StringBuilder sb = new StringBuilder();
    for (String line : read("kb_" + lang + ".txt")) {
      if (line.startsWith("@") && !line.startsWith("@title.")) sb.append(line).append('\n');
    }
    return sb.toString();
  }

  static List<String> read(String name) {
    try (InputStream in =
        TestHarness.class.getResourceAsStream(KnowledgeBase.RESOURCE_DIR + name)) {
      return new ArrayList<>(
          List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Runs code that must throw, and returns what it threw. */
  static Throwable thrown(ThrowingRunnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("expected the code to throw");
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Throwable;
  }
}
