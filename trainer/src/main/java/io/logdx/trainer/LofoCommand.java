package io.logdx.trainer;

import io.logdx.core.Classifier.Taxonomy;
import io.logdx.core.stage1.OnnxClassifier;
import io.logdx.core.stage1.OnnxClassifier.LexicalFeaturizer;
import io.logdx.trainer.TrainCommand.Item;
import io.logdx.trainer.model.BagMlp;
import io.logdx.trainer.model.Corpus;
import io.logdx.trainer.model.Example;
import io.logdx.trainer.model.Fit;
import io.logdx.trainer.model.Metrics;
import io.logdx.trainer.model.Sample;
import io.logdx.trainer.model.TrainConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code lofo}: leave-one-family-out evaluation, the trainer's own measure of how stage 1 reads failures of a stack it
 * never saw. For every library family F of the training data ({@link Families}): train one network on everything
 * but F (generated and real-train records alike; the JDK and application core always stays in), test on F. Reports
 * top-1, top-3 and macro-F1 per family, their unweighted mean over families and the pooled figures over every
 * held-out record.
 *
 * <p>One network per fold, not the shipped five-member mean, and at most {@code --epochs} (default 12) epochs with
 * early stopping on a validation split of the fold's own training data: the measure compares data and feature
 * choices with each other, it does not restate the shipped model's accuracy. Nothing here reads dev.
 */
final class LofoCommand {
  private LofoCommand() {}

  /** One held-out family's figures. */
  record Fold(
      String family, int n, int labels, double top1, double top3, double macroF1, double seconds) {}

  static int run(Options o) throws Exception {
    long start = System.nanoTime();
    TrainConfig cfg = TrainConfig.defaults().withEpochs(o.getInt("epochs", 12));
    if (o.has("seed")) cfg = cfg.withSeed(Long.parseLong(o.get("seed", "0")));
    int buckets = o.getInt("buckets", 32768);
    int maxTokens = o.getInt("max-tokens", 256);
    int realCap = o.getInt("real-cap", 150);
    float realWeight = (float) o.getDouble("real-weight", 0.5);
    int minFamily = o.getInt("min-family", 20);
    int threads = Math.max(1, o.getInt("threads", 2));
    Set<LexicalFeaturizer.Extra> extras =
        LexicalFeaturizer.Extra.parse(o.get("features", TrainCommand.DEFAULT_FEATURES));
    Path out = Path.of(o.require("out"));

    List<String> labels = Taxonomy.ids();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) index.put(labels.get(i), i);
    List<Example> gen = new ArrayList<>();
    for (String f : o.require("data").split(",")) gen.addAll(Corpus.read(Path.of(f), "generated"));
    List<Example> realAll =
        o.has("real") ? Corpus.read(Path.of(o.require("real")), "real") : List.of();
    List<Example> real = Corpus.capPerLabel(realAll, realCap, cfg.seed());
    Set<String> realIds = new HashSet<>();
    for (Example e : real) realIds.add(e.id());

    // every record once: its family and its features
    Map<String, List<Example>> byFamily = new TreeMap<>();
    for (Example e : gen) byFamily.computeIfAbsent(Families.of(e), k -> new ArrayList<>()).add(e);
    for (Example e : realAll)
      byFamily.computeIfAbsent(Families.of(e), k -> new ArrayList<>()).add(e);
    byte[] tokenizerJson;
    try (InputStream in =
        LofoCommand.class.getResourceAsStream("/" + OnnxClassifier.SHIPPED + "/tokenizer.json")) {
      if (in == null)
        throw new IllegalStateException("tokenizer.json missing from inference-core resources");
      tokenizerJson = in.readAllBytes();
    }
    Map<String, Item> items = new HashMap<>();
    try (LexicalFeaturizer fz =
        new LexicalFeaturizer(
            new ByteArrayInputStream(tokenizerJson), buckets, maxTokens, extras)) {
      long tf = System.nanoTime();
      for (Item it : TrainCommand.items(gen, fz, index, 1f)) items.put(it.example().id(), it);
      for (Item it : TrainCommand.items(realAll, fz, index, realWeight))
        items.put(it.example().id(), it);
      TrainCommand.log(
          "lofo: featurized %d records in %.1fs (feature sets: %s)",
          items.size(),
          (System.nanoTime() - tf) / 1e9,
          extras.isEmpty() ? "none" : LexicalFeaturizer.Extra.format(extras));
    }
    List<String> held = new ArrayList<>();
    byFamily.forEach(
        (fam, l) -> {
          if (!fam.equals(Families.CORE) && l.size() >= minFamily) held.add(fam);
        });
    if (o.has("families")) held.retainAll(List.of(o.get("families", "").split(",")));
    TrainCommand.log(
        "lofo: %d families held out in turn (of %d; core %d records; at least %d records each), %d thread(s)",
        held.size(),
        byFamily.size(),
        byFamily.getOrDefault(Families.CORE, List.of()).size(),
        minFamily,
        threads);

    // the training pool: generated records and real-train capped per label, as `train` uses them
    List<Example> pool = new ArrayList<>(gen);
    for (Example e : realAll) if (realIds.contains(e.id())) pool.add(e);
    final TrainConfig fcfg = cfg;
    ExecutorService exec = Executors.newFixedThreadPool(threads);
    Map<String, Fold> folds = new LinkedHashMap<>();
    List<int[]> pooledGold = new ArrayList<>();
    List<int[][]> pooledRanked = new ArrayList<>();
    try {
      Map<String, Future<Object[]>> running = new LinkedHashMap<>();
      for (String fam : held) {
        running.put(
            fam,
            exec.submit(
                () -> fold(fam, pool, byFamily.get(fam), items, labels.size(), buckets, fcfg)));
      }
      for (Map.Entry<String, Future<Object[]>> en : running.entrySet()) {
        Object[] r = en.getValue().get();
        Fold f = (Fold) r[0];
        folds.put(en.getKey(), f);
        pooledGold.add((int[]) r[1]);
        pooledRanked.add((int[][]) r[2]);
        TrainCommand.log(
            "lofo: %-22s n %5d labels %2d  top1 %5.1f%%  top3 %5.1f%%  macroF1 %5.1f%%  (%.0fs)",
            f.family(), f.n(), f.labels(), f.top1(), f.top3(), f.macroF1(), f.seconds());
      }
    } finally {
      exec.shutdownNow();
    }
    int total = pooledGold.stream().mapToInt(g -> g.length).sum();
    int[] gold = new int[total];
    int[][] ranked = new int[total][];
    int k = 0;
    for (int i = 0; i < pooledGold.size(); i++) {
      for (int j = 0; j < pooledGold.get(i).length; j++) {
        gold[k] = pooledGold.get(i)[j];
        ranked[k++] = pooledRanked.get(i)[j];
      }
    }
    Metrics.Summary pooled = Metrics.summary(gold, ranked, labels.size());
    if (o.has("confusion")) {
      // where failures of a family the model never saw go: the labels that absorb what it does not
      // understand
      int[][] counts = new int[labels.size()][labels.size()];
      for (int i = 0; i < total; i++) counts[gold[i]][ranked[i][0]]++;
      io.logdx.trainer.model.ConfusionPng.write(
          counts,
          labels,
          "leave-one-family-out, every held-out record pooled (rows: gold, columns: predicted)",
          Path.of(o.get("confusion", "")));
    }
    double meanTop1 = folds.values().stream().mapToDouble(Fold::top1).average().orElse(Double.NaN);
    double meanTop3 = folds.values().stream().mapToDouble(Fold::top3).average().orElse(Double.NaN);
    double meanF1 = folds.values().stream().mapToDouble(Fold::macroF1).average().orElse(Double.NaN);
    double minutes = (System.nanoTime() - start) / 60e9;
    String md =
        table(
            folds,
            meanTop1,
            meanTop3,
            meanF1,
            pooled,
            extras,
            fcfg,
            minutes,
            o.get("title", "leave-one-family-out"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md, StandardCharsets.UTF_8);
    System.out.print(md);
    TrainCommand.log(
        "lofo: mean over %d families top1 %.1f%% top3 %.1f%% macroF1 %.1f%%; pooled top1 %.1f%% (%.1f min) -> %s",
        folds.size(), meanTop1, meanTop3, meanF1, 100 * pooled.top1(), minutes, out);
    return 0;
  }

  /** Trains without {@code family} and scores its records: the fold's figures, gold labels and rankings. */
  static Object[] fold(
      String family,
      List<Example> pool,
      List<Example> test,
      Map<String, Item> items,
      int classes,
      int buckets,
      TrainConfig cfg) {
    long t0 = System.nanoTime();
    Set<String> out = new HashSet<>();
    for (Example e : test) out.add(e.id());
    List<Example> rest = new ArrayList<>(pool.size());
    for (Example e : pool) if (!out.contains(e.id()) && !family.equals(Families.of(e))) rest.add(e);
    Corpus.Split split = Corpus.split(rest, 0.1, cfg.seed());
    List<Sample> tr =
        TrainCommand.samples(
            split.train().stream().map(e -> items.get(e.id())).toList(), true, false, Map.of());
    List<Sample> va =
        TrainCommand.samples(
            split.val().stream().map(e -> items.get(e.id())).toList(), true, false, Map.of());
    Fit.Result fit = Fit.train(tr, va, classes, buckets, 0, cfg, line -> {});
    BagMlp m = fit.model();
    List<Sample> te =
        TrainCommand.samples(
            test.stream().map(e -> items.get(e.id())).toList(), true, false, Map.of());
    int[] gold = new int[te.size()];
    int[][] ranked = new int[te.size()][];
    Set<Integer> present = new HashSet<>();
    for (int i = 0; i < te.size(); i++) {
      gold[i] = te.get(i).label();
      present.add(gold[i]);
      ranked[i] = Metrics.topK(m.probabilities(te.get(i), 1f), 5);
    }
    Metrics.Summary s = Metrics.summary(gold, ranked, classes);
    Fold f =
        new Fold(
            family,
            te.size(),
            present.size(),
            100 * s.top1(),
            100 * s.top3(),
            100 * s.macroF1(),
            (System.nanoTime() - t0) / 1e9);
    return new Object[] {f, gold, ranked};
  }

  static String table(
      Map<String, Fold> folds,
      double meanTop1,
      double meanTop3,
      double meanF1,
      Metrics.Summary pooled,
      Set<LexicalFeaturizer.Extra> extras,
      TrainConfig cfg,
      double minutes,
      String title) {
    StringBuilder sb = new StringBuilder();
    sb.append("### ").append(title).append("\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "Feature sets beyond the base: %s; one network per fold, at most %d epochs; %.1f min.%n%n",
            extras.isEmpty() ? "none" : LexicalFeaturizer.Extra.format(extras),
            cfg.epochs(),
            minutes));
    sb.append(
        "| held-out family | records | labels | top-1 | top-3 | macro-F1 |\n|---|---:|---:|---:|---:|---:|\n");
    for (Fold f : folds.values()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %.1f%% | %.1f%% | %.1f%% |%n",
              f.family(),
              f.n(),
              f.labels(),
              f.top1(),
              f.top3(),
              f.macroF1()));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "| **mean of %d families** | | | **%.1f%%** | **%.1f%%** | **%.1f%%** |%n",
            folds.size(),
            meanTop1,
            meanTop3,
            meanF1));
    sb.append(
        String.format(
            Locale.ROOT,
            "| pooled (every held-out record) | %d | | %.1f%% | %.1f%% | %.1f%% |%n",
            pooled.n(),
            100 * pooled.top1(),
            100 * pooled.top3(),
            100 * pooled.macroF1()));
    return sb.toString();
  }
}
