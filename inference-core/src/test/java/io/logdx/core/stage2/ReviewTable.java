package io.logdx.core.stage2;

import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Failure;
import io.logdx.core.Generator.Explanation;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.internal.FailureParser;
import io.logdx.core.stage1.ModelLoader;
import io.logdx.core.tools.MiniJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the rows of {@code docs/stage2-review.md}: the first record of each of the first 20 labels (in file
 * order) of an evaluation JSONL file, run through the parser, the rule-based stage 1 (what a user gets today)
 * and this generator, in Korean and English. The verdicts in the document are written by hand.
 *
 * <p>Run: {@code java -cp <test classpath> io.logdx.core.stage2.ReviewTable ../shared/eval/dev.jsonl out.md}
 */
public final class ReviewTable {
  private ReviewTable() {}

  public static void main(String[] args) throws Exception {
    List<Map<String, Object>> picked = new ArrayList<>();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      Map<String, Object> r = MiniJson.object(line);
      String label = (String) r.get("label");
      if (seen.containsKey(label) || seen.size() == 20) continue;
      seen.put(label, true);
      picked.add(r);
    }
    KnowledgeBaseGenerator gen = KnowledgeBaseGenerator.shared();
    Classifier rules = ModelLoader.load(ModelLoader.RULES);
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (Map<String, Object> r : picked) {
      n++;
      @SuppressWarnings("unchecked")
      List<String> pkgs =
          r.get("app_packages") instanceof List ? (List<String>) r.get("app_packages") : List.of();
      FailureParser parser = new FailureParser(pkgs, Diagnoser.Builder.DEFAULT_MAX_INPUT_CHARS);
      Failure f = parser.parse((String) r.get("text"));
      Classification c = rules.classify(f);
      Explanation ko = gen.explain(f, c, Locale.KOREAN);
      Explanation en = gen.explain(f, c, Locale.ENGLISH);
      out.append("### ")
          .append(n)
          .append(". ")
          .append(r.get("id"))
          .append("\n\n")
          .append("- gold: `")
          .append(r.get("label"))
          .append("`, predicted: `")
          .append(c.best().label())
          .append("` (")
          .append(String.format(Locale.ROOT, "%.2f", c.best().probability()))
          .append(")")
          .append(", variant: `")
          .append(gen.variantKey(f, c.best().label()))
          .append("`\n")
          .append("- root cause: `")
          .append(f.rootCause().map(x -> x.header()).orElse("none").replace('\n', ' '))
          .append("`\n")
          .append("- KO cause: ")
          .append(ko.cause())
          .append("\n- KO fix: ")
          .append(firstLine(ko.fix()))
          .append("\n")
          .append("- EN cause: ")
          .append(en.cause())
          .append("\n- EN fix: ")
          .append(firstLine(en.fix()))
          .append("\n\n");
    }
    Files.writeString(Path.of(args[1]), out.toString(), StandardCharsets.UTF_8);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
