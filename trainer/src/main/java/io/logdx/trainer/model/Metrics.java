package io.logdx.trainer.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The metrics of {@code shared/eval/score.py}, computed the same way: top-1/3/5 over the predicted ranking,
 * per-label precision/recall/F1 over the labels that occur in gold or prediction, macro-F1 over the labels with
 * support, support-weighted F1, root-cause and location accuracy, and the most frequent confusions.
 */
public final class Metrics {
  private Metrics() {}

  /** Headline figures, in percent for the string-based report and in 0..1 for {@link #summary}. */
  public record Summary(
      int n, double top1, double top3, double top5, double macroF1, double weightedF1) {}

  /** One scored record: the gold label, the ranked predicted labels, and optional root cause / location checks. */
  public record Scored(
      String gold,
      List<String> ranked,
      String goldRoot,
      String predRoot,
      String goldFrame,
      String predFrame) {}

  /** Per-label row. */
  public record Row(String label, int support, double precision, double recall, double f1) {}

  /** The full report. */
  public record Report(
      int n,
      double top1,
      double top3,
      double top5,
      double macroF1,
      double weightedF1,
      double rootCauseAcc,
      int rootCauseN,
      double locationAcc,
      int locationN,
      List<Row> rows,
      List<Map.Entry<String, Integer>> confusions) {

    /** The same lines that score.py prints. */
    public String format(int missing) {
      StringBuilder sb = new StringBuilder();
      long labelsWithSupport = rows.stream().filter(r -> r.support() > 0).count();
      sb.append(
          String.format(
              Locale.ROOT,
              "samples %d  labels %d  missing predictions %d%n",
              n,
              labelsWithSupport,
              missing));
      sb.append("label                      n   prec   rec    f1\n");
      for (Row r : rows) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%-24s %4d %6s %6s %6s%n",
                r.label(),
                r.support(),
                f2(r.precision()),
                f2(r.recall()),
                f2(r.f1())));
      }
      sb.append("most frequent confusions (gold -> predicted):\n");
      for (Map.Entry<String, Integer> c : confusions) {
        sb.append(String.format(Locale.ROOT, "  %3d  %s%n", c.getValue(), c.getKey()));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "top1 %s%%  top3 %s%%  top5 %s%%  macroF1 %s%%  weightedF1 %s%%  root_cause %s%% (n=%d)  location %s%% (n=%d)%n",
              f2(top1),
              f2(top3),
              f2(top5),
              f2(macroF1),
              f2(weightedF1),
              f2(rootCauseAcc),
              rootCauseN,
              f2(locationAcc),
              locationN));
      return sb.toString();
    }
  }

  /** Two decimals as Python's format does: the exact binary value rounded half to even. */
  static String f2(double v) {
    return new java.math.BigDecimal(v)
        .setScale(2, java.math.RoundingMode.HALF_EVEN)
        .toPlainString();
  }

  public static Report report(List<Scored> records) {
    int n = records.size();
    int[] top = new int[6];
    int rcOk = 0;
    int rcN = 0;
    int locOk = 0;
    int locN = 0;
    Map<String, Integer> tp = new HashMap<>();
    Map<String, Integer> fp = new HashMap<>();
    Map<String, Integer> fn = new HashMap<>();
    Map<String, Integer> support = new HashMap<>();
    Map<String, Integer> confusions = new LinkedHashMap<>();
    for (Scored s : records) {
      String want = s.gold();
      String got = s.ranked().isEmpty() ? null : s.ranked().get(0);
      support.merge(want, 1, Integer::sum);
      for (int k : new int[] {1, 3, 5}) {
        if (s.ranked().subList(0, Math.min(k, s.ranked().size())).contains(want)) top[k]++;
      }
      if (Objects.equals(got, want)) {
        tp.merge(want, 1, Integer::sum);
      } else {
        fn.merge(want, 1, Integer::sum);
        if (got != null) fp.merge(got, 1, Integer::sum);
        confusions.merge(want + " -> " + got, 1, Integer::sum);
      }
      if (s.goldRoot() != null && !s.goldRoot().isEmpty()) {
        rcN++;
        if (s.goldRoot().equals(s.predRoot())) rcOk++;
      }
      if (s.goldFrame() != null && !s.goldFrame().isEmpty()) {
        locN++;
        String g = normFrame(s.goldFrame());
        if (g != null && g.equals(normFrame(s.predFrame()))) locOk++;
      }
    }
    TreeSet<String> labels = new TreeSet<>(support.keySet());
    labels.addAll(fp.keySet());
    List<Row> rows = new ArrayList<>();
    double macro = 0;
    double weighted = 0;
    int withSupport = 0;
    for (String lab : labels) {
      int t = tp.getOrDefault(lab, 0);
      int f = fp.getOrDefault(lab, 0);
      int m = fn.getOrDefault(lab, 0);
      double prec = t + f > 0 ? (double) t / (t + f) : 0;
      double rec = t + m > 0 ? (double) t / (t + m) : 0;
      double f1 = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;
      int sup = support.getOrDefault(lab, 0);
      if (sup > 0) {
        macro += f1;
        weighted += f1 * sup;
        withSupport++;
      }
      rows.add(new Row(lab, sup, prec, rec, f1));
    }
    // score.py: sorted by (-support, label); Python's sort is stable and labels are already sorted
    rows.sort(Comparator.comparingInt((Row r) -> -r.support()).thenComparing(Row::label));
    List<Map.Entry<String, Integer>> conf = new ArrayList<>(confusions.entrySet());
    // Counter.most_common: by count, ties in first-seen order (stable sort)
    conf.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
    conf = List.copyOf(conf.subList(0, Math.min(10, conf.size())));
    return new Report(
        n,
        pct(top[1], n),
        pct(top[3], n),
        pct(top[5], n),
        withSupport > 0 ? 100 * macro / withSupport : 0,
        n > 0 ? 100 * weighted / n : 0,
        pct(rcOk, rcN),
        rcN,
        pct(locOk, locN),
        locN,
        rows,
        conf);
  }

  /** score.py's norm_frame. */
  static String normFrame(String s) {
    if (s == null || s.isEmpty()) return null;
    s = s.strip();
    if (s.startsWith("at ")) s = s.substring(3);
    s = s.split(" ~\\[", -1)[0].split(" \\[", -1)[0];
    int paren = s.indexOf('(');
    String head = paren < 0 ? s : s.substring(0, paren);
    if (head.contains("/")) s = s.substring(s.indexOf('/') + 1);
    return s;
  }

  private static double pct(int x, int d) {
    return d > 0 ? 100.0 * x / d : 0;
  }

  /** Indices of the k largest values, largest first (ties: lower index first). */
  public static int[] topK(float[] p, int k) {
    int n = Math.min(k, p.length);
    int[] out = new int[n];
    boolean[] used = new boolean[p.length];
    for (int i = 0; i < n; i++) {
      int best = -1;
      for (int c = 0; c < p.length; c++) {
        if (!used[c] && (best < 0 || p[c] > p[best])) best = c;
      }
      used[best] = true;
      out[i] = best;
    }
    return out;
  }

  /** Headline figures (0..1) for label indices, used per epoch. */
  public static Summary summary(int[] gold, int[][] ranked, int classes) {
    List<Scored> rs = new ArrayList<>(gold.length);
    for (int i = 0; i < gold.length; i++) {
      List<String> r = new ArrayList<>(ranked[i].length);
      for (int c : ranked[i]) r.add(Integer.toString(c));
      rs.add(new Scored(Integer.toString(gold[i]), r, null, null, null, null));
    }
    Report rep = report(rs);
    return new Summary(
        rep.n(),
        rep.top1() / 100,
        rep.top3() / 100,
        rep.top5() / 100,
        rep.macroF1() / 100,
        rep.weightedF1() / 100);
  }
}
