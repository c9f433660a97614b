package io.logdx.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stage 1: maps a failure to {@link Taxonomy} categories. Implementations must be thread-safe; the engine calls
 * them from its worker threads and isolates their failures (an exception becomes a diagnosis with status
 * {@code error}).
 */
public interface Classifier extends AutoCloseable {
  /**
   * Classifies a failure.
   *
   * @param failure the parsed, masked failure
   * @return ranked categories, at least five when the taxonomy has them
   * @throws Exception when the model cannot answer; the engine turns it into an error status
   */
  Classification classify(Failure failure) throws Exception;

  /** Model id and version, recorded in every diagnosis. */
  String id();

  /** Releases native resources; the default does nothing. */
  @Override
  default void close() {}

  /**
   * Stage 1's answer: categories ranked by probability and the model that gave them.
   *
   * @param top predictions, most probable first; never empty
   * @param model model id and version, e.g. {@code logdx-stage1-lexical/0.1.0}
   */
  record Classification(List<Prediction> top, String model) {
    public Classification {
      top = List.copyOf(top);
      if (top.isEmpty()) {
        throw new IllegalArgumentException("a classification needs at least one prediction");
      }
      Objects.requireNonNull(model, "model");
    }

    /** The most probable prediction. */
    public Prediction best() {
      return top.get(0);
    }

    @Override
    public String toString() {
      return model + " " + top;
    }
  }

  /**
   * One category with its calibrated probability.
   *
   * @param label taxonomy id
   * @param probability calibrated probability, 0..1
   */
  record Prediction(String label, double probability) {
    public Prediction {
      Objects.requireNonNull(label, "label");
    }

    @Override
    public String toString() {
      return label + ":" + threeDecimals(probability);
    }

    /**
     * {@code String.format(Locale.ROOT, "%.3f", p)} for a probability, without the formatter: this runs for every
     * enriched event, and the formatter (a parse of the pattern, decimal symbols looked up per call) cost more
     * than all the rest of an event's fields together. Halves are rounded up, as the formatter does.
     */
    static String threeDecimals(double p) {
      if (!(p >= 0) || p >= 1_000_000) return String.format(java.util.Locale.ROOT, "%.3f", p);
      double scaled = p * 1000;
      double half = scaled - Math.floor(scaled);
      if (Math.abs(half - 0.5) < 1e-6) {
        // near a half the formatter rounds the shortest decimal form of p (0.5085 -> 0.509), not
        // its binary value
        return new java.math.BigDecimal(Double.toString(p))
            .setScale(3, java.math.RoundingMode.HALF_UP)
            .toPlainString();
      }
      long r = Math.round(scaled);
      long whole = r / 1000;
      int frac = (int) (r % 1000);
      return whole + (frac < 10 ? ".00" : frac < 100 ? ".0" : ".") + frac;
    }
  }

  /**
   * The categories every classifier answers in: the label ids of {@code taxonomy.tsv} (shipped in this jar), in
   * file order, with their groups.
   */
  final class Taxonomy {
    private static final List<String> IDS;
    private static final Map<String, String> GROUPS;

    static {
      List<String> ids = new ArrayList<>();
      Map<String, String> groups = new LinkedHashMap<>();
      try (InputStream in = Taxonomy.class.getResourceAsStream("/io/logdx/core/taxonomy.tsv")) {
        if (in == null) throw new IllegalStateException("taxonomy.tsv is missing from the jar");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = r.readLine(); // header
        while ((line = r.readLine()) != null) {
          if (line.isBlank() || line.startsWith("#")) continue;
          String[] cols = line.split("\t");
          ids.add(cols[0]);
          groups.put(cols[0], cols.length > 1 ? cols[1] : "other");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      IDS = Collections.unmodifiableList(ids);
      GROUPS = Collections.unmodifiableMap(groups);
    }

    private Taxonomy() {}

    /** All label ids in file order. */
    public static List<String> ids() {
      return IDS;
    }

    /** The group of a label ({@code code}, {@code network}, ...), or {@code other}. */
    public static String group(String id) {
      return GROUPS.getOrDefault(id, "other");
    }

    /** True when the label is one of the taxonomy's. */
    public static boolean contains(String id) {
      return GROUPS.containsKey(id);
    }
  }
}
