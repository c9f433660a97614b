package io.logdx.core.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Diagnosis;
import io.logdx.core.engine.Diagnoser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the shipped stage 1 model's answers, top three categories with their probabilities, on thirty texts
 * written for this test ({@code golden/model-sample.txt}), in {@code src/test/resources/golden/model-predictions.tsv}.
 * A change of the model, its tokenizer, its features or the text the engine hands it shows here, so that a new
 * model ships on purpose, with the diff in the commit that ships it.
 *
 * <p>Probabilities are written with three decimals and compared within {@value #TOLERANCE}: ONNX Runtime's float
 * arithmetic may differ in the last bits between CPUs, a retrained model by far more. The first category must be
 * the same unless the pinned first two were within the tolerance of each other.
 *
 * <p>To change the file on purpose, run {@code mvn -B -o -pl inference-core -am test -Dtest=ModelGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dlogdx.golden.update=true}, review the diff and commit it.
 */
class ModelGoldenTest {
  static final double TOLERANCE = 0.002;
  private static final GoldenFile GOLDEN = new GoldenFile("model-predictions.tsv");

  @Test
  void theShippedModelAnswersTheSampleAsPinned() throws IOException {
    Map<String, String> sample = sample();
    assertThat(sample).hasSize(30);
    Map<String, List<Prediction>> actual = new LinkedHashMap<>();
    String model;
    try (Diagnoser dx =
        Diagnoser.builder()
            .locale(Locale.ENGLISH)
            .timeBudget(Duration.ofSeconds(60))
            .modelTimeShare(Double.POSITIVE_INFINITY)
            .build()) {
      model = dx.modelId();
      for (Map.Entry<String, String> e : sample.entrySet()) {
        Diagnosis d = dx.diagnoseNow(e.getValue());
        assertThat(d.status()).as(e.getKey()).isEqualTo(Diagnosis.Status.OK);
        actual.put(e.getKey(), d.top());
      }
    }
    StringBuilder out =
        new StringBuilder()
            .append(
                "# The shipped model's top three on golden/model-sample.txt (ModelGoldenTest). Rewrite only on\n")
            .append("# purpose, with the model that changes it (see the test's javadoc).\n")
            .append("model\t")
            .append(model)
            .append('\n');
    actual.forEach(
        (name, top) -> {
          out.append(name);
          for (Prediction p : top.subList(0, Math.min(3, top.size()))) {
            out.append('\t')
                .append(p.label())
                .append(':')
                .append(String.format(Locale.ROOT, "%.3f", p.probability()));
          }
          out.append('\n');
        });
    if (GOLDEN.updateWith(out.toString())) return;
    String golden = GOLDEN.expected();
    if (golden == null) {
      GOLDEN.mismatch("No golden file yet.", getClass().getSimpleName());
      return;
    }
    List<String> differences = differences(golden, model, actual);
    if (!differences.isEmpty()) {
      GOLDEN.mismatch(
          "The model answers otherwise than pinned:\n  " + String.join("\n  ", differences),
          getClass().getSimpleName());
    }
  }

  private static List<String> differences(
      String golden, String model, Map<String, List<Prediction>> actual) {
    List<String> diffs = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (String line : golden.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] cols = line.split("\t");
      if (cols[0].equals("model")) {
        if (!cols[1].equals(model)) diffs.add("model: pinned " + cols[1] + ", now " + model);
        continue;
      }
      seen.put(cols[0], line);
      List<Prediction> now = actual.get(cols[0]);
      if (now == null) {
        diffs.add(cols[0] + ": pinned, but no longer in the sample");
        continue;
      }
      double[] pinned = new double[cols.length - 1];
      for (int i = 1; i < cols.length; i++) {
        String label = cols[i].substring(0, cols[i].lastIndexOf(':'));
        pinned[i - 1] = Double.parseDouble(cols[i].substring(cols[i].lastIndexOf(':') + 1));
        double p =
            now.stream()
                .filter(x -> x.label().equals(label))
                .mapToDouble(Prediction::probability)
                .findFirst()
                .orElse(0);
        if (Math.abs(p - pinned[i - 1]) > TOLERANCE) {
          diffs.add(
              cols[0]
                  + ": "
                  + label
                  + " pinned "
                  + pinned[i - 1]
                  + ", now "
                  + String.format(Locale.ROOT, "%.3f", p)
                  + " (now "
                  + now.subList(0, Math.min(3, now.size()))
                  + ")");
        }
      }
      String first = cols[1].substring(0, cols[1].lastIndexOf(':'));
      boolean nearTie = pinned.length > 1 && pinned[0] - pinned[1] <= TOLERANCE;
      if (!now.get(0).label().equals(first) && !nearTie) {
        diffs.add(cols[0] + ": first category pinned " + first + ", now " + now.get(0).label());
      }
    }
    for (String name : actual.keySet()) {
      if (!seen.containsKey(name)) diffs.add(name + ": in the sample, not pinned");
    }
    return diffs;
  }

  /** The sample texts by name, in file order. */
  static Map<String, String> sample() throws IOException {
    String text;
    try (InputStream in = ModelGoldenTest.class.getResourceAsStream("/golden/model-sample.txt")) {
      assertThat(in).as("golden/model-sample.txt").isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> records = new LinkedHashMap<>();
    String name = null;
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("=== ")) {
        if (name != null) records.put(name, body.toString().strip());
        name = line.substring(4).strip();
        body.setLength(0);
      } else if (name != null) {
        body.append(line).append('\n');
      }
    }
    if (name != null) records.put(name, body.toString().strip());
    return records;
  }
}
