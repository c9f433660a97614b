package io.logdx.trainer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Taxonomy;
import io.logdx.core.Diagnosis;
import io.logdx.core.Failure;
import io.logdx.core.stage1.OnnxClassifier;
import io.logdx.core.stage1.OnnxClassifier.LexicalFeaturizer;
import io.logdx.trainer.model.BagMlp;
import io.logdx.trainer.model.Calibration;
import io.logdx.trainer.model.Corpus;
import io.logdx.trainer.model.Ensemble;
import io.logdx.trainer.model.Example;
import io.logdx.trainer.model.Fit;
import io.logdx.trainer.model.Metrics;
import io.logdx.trainer.model.MiniLm;
import io.logdx.trainer.model.OnnxExport;
import io.logdx.trainer.model.Sample;
import io.logdx.trainer.model.TrainConfig;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code train}: reads the generated failures (and, weighted and capped, the real training traces), splits off a
 * validation set from the TRAINING data, trains the variants, calibrates them on validation, exports them as ONNX,
 * checks the export against the trainer's own forward pass, measures every variant on dev (measuring only) and
 * its latency, keeps the winner and writes the model files, history, metrics, confusion matrix and model card.
 */
final class TrainCommand {
  static final String MODEL_ID = "logdx-stage1-lexical";
  static final String VERSION = "0.4.0";

  /** Members of the lexical ensemble; see {@link Ensemble}. */
  static final int DEFAULT_MEMBERS = 5;

  /** Feature sets of the lexical model beyond the base ones (see {@link LexicalFeaturizer.Extra}). */
  static final String DEFAULT_FEATURES = "typewords,rules";

  /** Seed distance between ensemble members. */
  static final long MEMBER_SEED_STEP = 1_000_003L;

  private TrainCommand() {}

  /** A featurized example: the parsed failure, its rendered text and lexical ids. */
  record Item(
      Example example,
      Failure failure,
      String text,
      int[] ids,
      int[] segments,
      int label,
      float weight) {}

  /** What one variant gave. */
  record VariantResult(
      String name,
      String description,
      Ensemble model,
      float temperature,
      float threshold,
      List<Fit.Result> fits,
      Metrics.Report val,
      Metrics.Report dev,
      Latency latency,
      double trainSeconds,
      long onnxBytes,
      int[][] devConfusion,
      double valEce) {}

  static int run(Options o) throws Exception {
    long start = System.nanoTime();
    TrainConfig cfg = TrainConfig.defaults();
    if (o.has("epochs")) cfg = cfg.withEpochs(o.getInt("epochs", cfg.epochs()));
    if (o.has("dim")) cfg = cfg.withDim(o.getInt("dim", cfg.dim()));
    if (o.has("seed")) cfg = cfg.withSeed(Long.parseLong(o.get("seed", "0")));
    cfg =
        new TrainConfig(
            cfg.dim(),
            o.getInt("hidden", cfg.hidden()),
            cfg.epochs(),
            o.getInt("patience", cfg.patience()),
            o.getInt("batch", cfg.batch()),
            (float) o.getDouble("lr", cfg.lr()),
            (float) o.getDouble("weight-decay", cfg.weightDecay()),
            (float) o.getDouble("smoothing", cfg.smoothing()),
            (float) o.getDouble("dropout", cfg.featureDropout()),
            o.getDouble("class-weight-power", cfg.classWeightPower()),
            cfg.seed());
    int buckets = o.getInt("buckets", 32768);
    int maxTokens = o.getInt("max-tokens", 256);
    int encoderTokens = o.getInt("encoder-tokens", 128);
    int realCap = o.getInt("real-cap", 150);
    int members = o.getInt("members", DEFAULT_MEMBERS);
    if (members < 1) throw new IllegalArgumentException("--members must be >= 1: " + members);
    float realWeight = (float) o.getDouble("real-weight", 0.5);
    List<String> variants = Arrays.asList(o.get("variants", "lexical").split(","));
    Path out = Path.of(o.require("out"));
    Files.createDirectories(out);
    List<String> labels = Taxonomy.ids();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) index.put(labels.get(i), i);

    List<Example> gen = new ArrayList<>();
    if (o.has("data")) {
      for (String f : o.require("data").split(","))
        gen.addAll(Corpus.read(Path.of(f), "generated"));
    }
    List<Example> realAll =
        o.has("real") ? Corpus.read(Path.of(o.require("real")), "real") : List.of();
    List<Example> real = Corpus.capPerLabel(realAll, realCap, cfg.seed());
    List<Example> dev = o.has("dev") ? Corpus.read(Path.of(o.require("dev")), "dev") : List.of();
    for (List<Example> l : List.of(gen, real, dev)) {
      for (Example e : l) {
        if (!index.containsKey(e.label()))
          throw new IllegalArgumentException(
              "label not in taxonomy: " + e.label() + " (" + e.id() + ")");
      }
    }
    Corpus.Split gs = Corpus.split(gen, 0.1, cfg.seed());
    Corpus.Split rs = Corpus.split(real, 0.1, cfg.seed());
    log(
        "data: generated %d (train %d, val %d), real %d of %d capped at %d/label weight %.2f (train %d, val %d), dev %d",
        gen.size(),
        gs.train().size(),
        gs.val().size(),
        real.size(),
        realAll.size(),
        realCap,
        realWeight,
        rs.train().size(),
        rs.val().size(),
        dev.size());

    byte[] tokenizerJson;
    try (InputStream in =
        TrainCommand.class.getResourceAsStream("/" + OnnxClassifier.SHIPPED + "/tokenizer.json")) {
      if (in == null)
        throw new IllegalStateException("tokenizer.json missing from inference-core resources");
      tokenizerJson = in.readAllBytes();
    }
    List<VariantResult> results = new ArrayList<>();
    java.util.Set<LexicalFeaturizer.Extra> extras =
        LexicalFeaturizer.Extra.parse(o.get("features", DEFAULT_FEATURES));
    log(
        "feature sets beyond the base: %s",
        extras.isEmpty() ? "none" : LexicalFeaturizer.Extra.format(extras));
    try (LexicalFeaturizer fz =
        new LexicalFeaturizer(
            new java.io.ByteArrayInputStream(tokenizerJson), buckets, maxTokens, extras)) {
      long tf = System.nanoTime();
      List<Item> genTrain = items(gs.train(), fz, index, 1f);
      List<Item> genVal = items(gs.val(), fz, index, 1f);
      List<Item> realTrain = items(rs.train(), fz, index, realWeight);
      List<Item> realVal = items(rs.val(), fz, index, realWeight);
      List<Item> devItems = items(dev, fz, index, 1f);
      log("featurized in %.1fs", (System.nanoTime() - tf) / 1e9);
      List<Item> train = concat(genTrain, realTrain);
      List<Item> val = concat(genVal, realVal);

      Map<String, float[]> dense = new HashMap<>();
      boolean needEncoder = variants.stream().anyMatch(v -> !v.equals("lexical"));
      MiniLm lm = needEncoder ? new MiniLm(encoderTokens) : null;
      try {
        if (needEncoder) {
          long te = System.nanoTime();
          embed(
              lm,
              concat(concat(train, val), devItems),
              dense,
              Path.of(
                  o.get("encoder-cache", "trainer/target/minilm-cache-" + encoderTokens + ".bin")));
          log(
              "MiniLM embeddings of %d texts in %.1fs",
              dense.size(), (System.nanoTime() - te) / 1e9);
        }
        VariantResult lexical = null;
        VariantResult combined = null;
        VariantResult encoder = null;
        if (variants.contains("lexical") || variants.contains("cascade")) {
          lexical =
              variant(
                  "lexical",
                  "(b) lexical: word pieces + hashed bigrams + class-name/frame features"
                      + (extras.isEmpty() ? "" : " + " + LexicalFeaturizer.Extra.format(extras))
                      + ", three segment bags (root cause / chain / context), MLP"
                      + (members > 1 ? ", mean of " + members + " seeds" : ""),
                  cfg,
                  members,
                  buckets,
                  false,
                  train,
                  val,
                  devItems,
                  labels,
                  fz,
                  lm,
                  dense,
                  out,
                  tokenizerJson);
          results.add(lexical);
        }
        if (variants.contains("encoder")) {
          encoder =
              variant(
                  "encoder",
                  "(a) frozen quantised MiniLM-L6 ("
                      + encoderTokens
                      + " tokens), mean-pooled, MLP head",
                  cfg.withDim(0),
                  1,
                  buckets,
                  true,
                  train,
                  val,
                  devItems,
                  labels,
                  fz,
                  lm,
                  dense,
                  out,
                  tokenizerJson);
          results.add(encoder);
        }
        if (variants.contains("combined") || variants.contains("cascade")) {
          combined =
              variant(
                  "combined",
                  "(c) lexical bag and MiniLM embedding concatenated, MLP head",
                  cfg,
                  1,
                  buckets,
                  true,
                  train,
                  val,
                  devItems,
                  labels,
                  fz,
                  lm,
                  dense,
                  out,
                  tokenizerJson);
          results.add(combined);
        }
        if (variants.contains("cascade") && lexical != null && combined != null) {
          results.add(cascade(lexical, combined, val, devItems, labels, fz, lm, dense, out));
        }
        if (o.flag("compare-without-real") && !real.isEmpty() && lexical != null) {
          List<Item> genOnlyTrain = genTrain;
          VariantResult noReal =
              variant(
                  "lexical-no-real",
                  "(b) trained on generated data only"
                      + (members > 1 ? ", mean of " + members + " seeds" : ""),
                  cfg,
                  members,
                  buckets,
                  false,
                  genOnlyTrain,
                  genVal,
                  devItems,
                  labels,
                  fz,
                  lm,
                  dense,
                  out,
                  tokenizerJson);
          results.add(noReal);
        }
      } finally {
        if (lm != null) lm.close();
      }
    }
    VariantResult shipped =
        results.stream().filter(r -> r.name().equals("lexical")).findFirst().orElseThrow();
    double minutes = (System.nanoTime() - start) / 60e9;
    Reports.write(
        o,
        out,
        shipped,
        results,
        labels,
        cfg,
        buckets,
        maxTokens,
        encoderTokens,
        realCap,
        realWeight,
        gen,
        real,
        realAll.size(),
        dev.size(),
        minutes,
        tokenizerJson);
    log("done in %.1f min", minutes);
    return 0;
  }

  static List<Item> concat(List<Item> a, List<Item> b) {
    List<Item> c = new ArrayList<>(a.size() + b.size());
    c.addAll(a);
    c.addAll(b);
    return c;
  }

  static List<Item> items(
      List<Example> in, LexicalFeaturizer fz, Map<String, Integer> index, float weight) {
    List<Item> out = new ArrayList<>(in.size());
    for (Example e : in) {
      Failure f = Predictions.parse(e);
      String text = LexicalFeaturizer.render(f);
      LexicalFeaturizer.Features ft = fz.features(f);
      long[] ids = ft.ids();
      int[] ii = new int[ids.length];
      for (int i = 0; i < ids.length; i++) ii[i] = (int) ids[i];
      out.add(new Item(e, f, text, ii, ft.segments(), index.get(e.label()), weight));
    }
    return out;
  }

  /**
   * Pooled MiniLM embeddings of the items' texts, two threads. A cache file (keyed by a hash of the text and the
   * token limit) spares recomputation between runs; it holds only what MiniLM returns for those texts.
   */
  static void embed(MiniLm lm, List<Item> items, Map<String, float[]> dense, Path cacheFile)
      throws Exception {
    Map<Long, float[]> cache = new HashMap<>();
    if (cacheFile != null && Files.isRegularFile(cacheFile)) {
      try (java.io.DataInputStream in =
          new java.io.DataInputStream(
              new java.io.BufferedInputStream(Files.newInputStream(cacheFile)))) {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
          long k = in.readLong();
          float[] v = new float[MiniLm.DIM];
          for (int j = 0; j < v.length; j++) v[j] = in.readFloat();
          cache.put(k, v);
        }
      }
    }
    List<String> texts =
        new ArrayList<>(new java.util.LinkedHashSet<>(items.stream().map(Item::text).toList()));
    List<String> missing = new ArrayList<>();
    for (String t : texts) {
      float[] v = cache.get(key(t, lm.maxTokens()));
      if (v != null) dense.put(t, v);
      else missing.add(t);
    }
    log("MiniLM: %d texts cached, %d to embed", texts.size() - missing.size(), missing.size());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<float[]>> fs = new ArrayList<>();
      for (String t : missing) fs.add(pool.submit(() -> lm.embed(t)));
      for (int i = 0; i < missing.size(); i++) {
        float[] v = fs.get(i).get();
        dense.put(missing.get(i), v);
        cache.put(key(missing.get(i), lm.maxTokens()), v);
      }
    } finally {
      pool.shutdown();
    }
    if (cacheFile != null && !missing.isEmpty()) {
      Files.createDirectories(cacheFile.toAbsolutePath().getParent());
      try (java.io.DataOutputStream out =
          new java.io.DataOutputStream(
              new java.io.BufferedOutputStream(Files.newOutputStream(cacheFile)))) {
        out.writeInt(cache.size());
        for (Map.Entry<Long, float[]> e : new java.util.TreeMap<>(cache).entrySet()) {
          out.writeLong(e.getKey());
          for (float f : e.getValue()) out.writeFloat(f);
        }
      }
    }
  }

  private static long key(String text, int tokens) {
    long h = 0xCBF29CE484222325L ^ tokens;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001B3L;
    }
    return h;
  }

  static List<Sample> samples(
      List<Item> items, boolean bag, boolean useDense, Map<String, float[]> dense) {
    List<Sample> out = new ArrayList<>(items.size());
    for (Item it : items) {
      out.add(
          new Sample(
              bag ? it.ids() : new int[0],
              bag ? it.segments() : new int[0],
              useDense ? dense.get(it.text()) : new float[0],
              it.label(),
              it.weight()));
    }
    return out;
  }

  static VariantResult variant(
      String name,
      String description,
      TrainConfig cfg,
      int members,
      int buckets,
      boolean useDense,
      List<Item> train,
      List<Item> val,
      List<Item> dev,
      List<String> labels,
      LexicalFeaturizer fz,
      MiniLm lm,
      Map<String, float[]> dense,
      Path out,
      byte[] tokenizerJson)
      throws Exception {
    boolean bag = cfg.dim() > 0;
    log("== variant %s: %s", name, description);
    long t0 = System.nanoTime();
    List<Sample> tr = samples(train, bag, useDense, dense);
    List<Sample> va = samples(val, bag, useDense, dense);
    int[] valGold = new int[va.size()];
    for (int i = 0; i < va.size(); i++) valGold[i] = va.get(i).label();
    List<BagMlp> nets = new ArrayList<>();
    List<Fit.Result> fits = new ArrayList<>();
    float[] temperatures = new float[members];
    List<byte[]> onnx = new ArrayList<>();
    for (int k = 0; k < members; k++) {
      // member k differs from member 0 only by its seed (initialisation, shuffling, dropout): same
      // data, same split
      TrainConfig mc = k == 0 ? cfg : cfg.withSeed(cfg.seed() + MEMBER_SEED_STEP * k);
      Fit.Result fit =
          Fit.train(
              tr, va, labels.size(), buckets, useDense ? MiniLm.DIM : 0, mc, TrainCommand::log);
      BagMlp m = fit.model();
      m.roundEmbeddingsToHalf();
      // calibration on validation, member by member
      List<float[]> valLogits = new ArrayList<>();
      for (Sample s : va) valLogits.add(m.logits(s));
      temperatures[k] = Calibration.temperature(valLogits, valGold);
      log(
          "%s member %d/%d: best epoch %d, temperature %.3f (val NLL %.4f -> %.4f)",
          name,
          k + 1,
          members,
          fit.bestEpoch(),
          temperatures[k],
          Calibration.nll(valLogits, valGold, 1),
          Calibration.nll(valLogits, valGold, temperatures[k]));
      nets.add(m);
      fits.add(fit);
      onnx.add(
          OnnxExport.export(
              m,
              temperatures[k],
              name
                  + (members > 1 ? " member " + (k + 1) + "/" + members : "")
                  + ": "
                  + description));
    }
    Ensemble model = new Ensemble(nets, temperatures);
    if (members > 1) {
      List<float[]> logMeans = new ArrayList<>();
      for (Sample s : va) logMeans.add(model.logMean(s));
      float t = Calibration.temperature(logMeans, valGold);
      log(
          "%s: temperature of the members' mean %.3f (val NLL %.4f -> %.4f)",
          name, t, Calibration.nll(logMeans, valGold, 1), Calibration.nll(logMeans, valGold, t));
      model = model.withMeanTemperature(t);
    }
    List<float[]> valProbs = new ArrayList<>();
    for (Sample s : va) valProbs.add(model.probabilities(s));
    float threshold =
        Calibration.unknownThreshold(valProbs, valGold, labels.indexOf(Diagnosis.UNKNOWN));
    double ece = Calibration.ece(valProbs, valGold);
    double trainSeconds = (System.nanoTime() - t0) / 1e9;
    float meanT = 0;
    for (float t : temperatures) meanT += t / members;
    log(
        "%s: %d member(s), mean temperature %.3f, unknown threshold %.3f, val ECE %.4f, %.1fs",
        name, members, meanT, threshold, ece, trainSeconds);
    Path dir = out.resolve(name);
    Files.createDirectories(dir);
    List<String> onnxNames = new ArrayList<>();
    long onnxBytes = 0;
    for (int k = 0; k < members; k++) {
      String onnxName = "stage1-" + name + (members > 1 ? "-" + (k + 1) : "") + ".onnx";
      Files.write(dir.resolve(onnxName), onnx.get(k));
      onnxNames.add(onnxName);
      onnxBytes += onnx.get(k).length;
    }

    Metrics.Report valReport = scoreWithForward(model, threshold, val, va, labels);
    Metrics.Report devReport;
    int[][] confusion;
    Latency latency;
    List<Sample> dv = samples(dev, bag, useDense, dense);
    if (!useDense) {
      // the shipping path: the exported model loaded through inference-core, as the engine runs it
      writeModelProperties(
          dir,
          name,
          onnxNames,
          model.meanTemperature(),
          labels,
          threshold,
          buckets,
          fz.maxTokens(),
          fz.extras());
      Files.write(dir.resolve("tokenizer.json"), tokenizerJson);
      try (OnnxClassifier c = OnnxClassifier.load(dir.toString())) {
        checkParity(model, va, c);
        List<Predictions.Answer> answers = new ArrayList<>();
        for (Item it : dev)
          answers.add(
              new Predictions.Answer(it.example().id(), c.classify(it.failure()), it.failure()));
        devReport = Predictions.score(examples(dev), answers);
        confusion = confusion(dev, answers, labels);
        reliability(dir, name, model, threshold, val, va, dev, answers, labels);
        List<Failure> fs = dev.stream().map(Item::failure).toList();
        latency = dev.isEmpty() ? null : Latency.measure(fs, 3, c::classify);
      }
    } else {
      if (members != 1) throw new IllegalArgumentException("encoder variants are single models");
      try (Head head = new Head(onnx.get(0))) {
        head.checkParity(
            nets.get(0), temperatures[0], va.subList(0, Math.min(50, va.size())), val, lm, fz, bag);
        List<Predictions.Answer> answers = new ArrayList<>();
        for (int i = 0; i < dev.size(); i++) {
          float[] p = model.probabilities(dv.get(i));
          answers.add(
              new Predictions.Answer(
                  dev.get(i).example().id(),
                  new Classification(OnnxClassifier.rank(p, labels, threshold), name),
                  dev.get(i).failure()));
        }
        devReport = Predictions.score(examples(dev), answers);
        confusion = confusion(dev, answers, labels);
        latency = dev.isEmpty() ? null : Latency.measure(dev, 1, it -> head.run(it, lm, fz, bag));
      }
    }
    if (devReport != null) {
      log(
          "%s dev: top1 %.2f%% top3 %.2f%% top5 %.2f%% macroF1 %.2f%%; latency %s",
          name,
          devReport.top1(),
          devReport.top3(),
          devReport.top5(),
          devReport.macroF1(),
          latency == null ? "-" : latency.format());
    }
    return new VariantResult(
        name,
        description,
        model,
        meanT,
        threshold,
        fits,
        valReport,
        devReport,
        latency,
        trainSeconds,
        onnxBytes,
        confusion,
        ece);
  }

  /**
   * The reliability diagram of a model's answers ({@code reliability.png}): the top answer's probability against the
   * share of right answers, on validation (the training data's held-out scenarios) and on dev, as shown to users
   * (with the {@code unknown} threshold applied).
   */
  static void reliability(
      Path dir,
      String name,
      Ensemble model,
      float threshold,
      List<Item> val,
      List<Sample> va,
      List<Item> dev,
      List<Predictions.Answer> devAnswers,
      List<String> labels)
      throws java.io.IOException {
    List<io.logdx.trainer.model.ReliabilityPng.Series> series = new ArrayList<>();
    double[] vc = new double[va.size()];
    boolean[] vr = new boolean[va.size()];
    for (int i = 0; i < va.size(); i++) {
      Classification c =
          new Classification(
              OnnxClassifier.rank(model.probabilities(va.get(i)), labels, threshold), name);
      vc[i] = c.best().probability();
      vr[i] = c.best().label().equals(val.get(i).example().label());
    }
    series.add(
        new io.logdx.trainer.model.ReliabilityPng.Series(
            "validation (held-out scenarios)", vc, vr));
    if (!dev.isEmpty()) {
      double[] dc = new double[dev.size()];
      boolean[] dr = new boolean[dev.size()];
      for (int i = 0; i < dev.size(); i++) {
        dc[i] = devAnswers.get(i).classification().best().probability();
        dr[i] =
            devAnswers.get(i).classification().best().label().equals(dev.get(i).example().label());
      }
      series.add(new io.logdx.trainer.model.ReliabilityPng.Series("dev (measured only)", dc, dr));
    }
    io.logdx.trainer.model.ReliabilityPng.write(
        series,
        "reliability of stage 1, " + name + " (top answer)",
        dir.resolve("reliability.png"));
    for (io.logdx.trainer.model.ReliabilityPng.Series s : series) {
      log("%s reliability: %s ECE %.4f (n %d)", name, s.name(), s.ece(), s.confidence().length);
    }
  }

  /** The cascade: the lexical model answers when its calibrated best is at least tau, the combined model otherwise. */
  static VariantResult cascade(
      VariantResult lex,
      VariantResult comb,
      List<Item> val,
      List<Item> dev,
      List<String> labels,
      LexicalFeaturizer fz,
      MiniLm lm,
      Map<String, float[]> dense,
      Path out)
      throws Exception {
    List<Sample> vl = samples(val, true, false, dense);
    List<Sample> vc = samples(val, true, true, dense);
    float bestTau = 1f;
    double bestF1 = -1;
    for (int step = 0; step <= 10; step++) {
      float tau = 0.5f + step * 0.05f;
      List<Predictions.Answer> answers = new ArrayList<>();
      for (int i = 0; i < val.size(); i++) {
        answers.add(
            new Predictions.Answer(
                val.get(i).example().id(),
                cascadeOne(lex, comb, vl.get(i), vc.get(i), tau, labels),
                val.get(i).failure()));
      }
      double f1 = Predictions.score(examples(val), answers).macroF1();
      if (f1 > bestF1 + 1e-9) {
        bestF1 = f1;
        bestTau = tau;
      }
    }
    final float tau = bestTau;
    List<Sample> dl = samples(dev, true, false, dense);
    List<Sample> dc = samples(dev, true, true, dense);
    List<Predictions.Answer> answers = new ArrayList<>();
    int escalated = 0;
    for (int i = 0; i < dev.size(); i++) {
      float[] p = lex.model().probabilities(dl.get(i));
      if (max(p) < tau) escalated++;
      answers.add(
          new Predictions.Answer(
              dev.get(i).example().id(),
              cascadeOne(lex, comb, dl.get(i), dc.get(i), tau, labels),
              dev.get(i).failure()));
    }
    Metrics.Report devReport = Predictions.score(examples(dev), answers);
    List<Predictions.Answer> valAnswers = new ArrayList<>();
    for (int i = 0; i < val.size(); i++) {
      valAnswers.add(
          new Predictions.Answer(
              val.get(i).example().id(),
              cascadeOne(lex, comb, vl.get(i), vc.get(i), tau, labels),
              val.get(i).failure()));
    }
    Latency latency;
    try (OnnxClassifier c = OnnxClassifier.load(out.resolve("lexical").toString());
        Head head =
            new Head(Files.readAllBytes(out.resolve("combined").resolve("stage1-combined.onnx")))) {
      latency =
          Latency.measure(
              dev,
              1,
              it -> {
                Classification cl = c.classify(it.failure());
                if (cl.best().probability() < tau || Diagnosis.UNKNOWN.equals(cl.best().label()))
                  head.run(it, lm, fz, true);
              });
    }
    String desc =
        String.format(
            Locale.ROOT,
            "(c') cascade: lexical when its calibrated best >= %.2f, else combined (%d of %d dev records escalated)",
            tau,
            escalated,
            dev.size());
    log(
        "cascade dev: top1 %.2f%% macroF1 %.2f%%; %s; latency %s",
        devReport.top1(), devReport.macroF1(), desc, latency.format());
    return new VariantResult(
        "cascade",
        desc,
        null,
        tau,
        lex.threshold(),
        null,
        Predictions.score(examples(val), valAnswers),
        devReport,
        latency,
        0,
        0,
        confusion(dev, answers, labels),
        Double.NaN);
  }

  static Classification cascadeOne(
      VariantResult lex, VariantResult comb, Sample l, Sample c, float tau, List<String> labels) {
    float[] p = lex.model().probabilities(l);
    if (max(p) >= tau)
      return new Classification(OnnxClassifier.rank(p, labels, lex.threshold()), "cascade");
    float[] q = comb.model().probabilities(c);
    return new Classification(OnnxClassifier.rank(q, labels, comb.threshold()), "cascade");
  }

  static float max(float[] p) {
    float m = 0;
    for (float v : p) m = Math.max(m, v);
    return m;
  }

  static List<Example> examples(List<Item> items) {
    return items.stream().map(Item::example).toList();
  }

  static Metrics.Report scoreWithForward(
      Ensemble m, float threshold, List<Item> items, List<Sample> samples, List<String> labels) {
    List<Predictions.Answer> answers = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      float[] p = m.probabilities(samples.get(i));
      answers.add(
          new Predictions.Answer(
              items.get(i).example().id(),
              new Classification(OnnxClassifier.rank(p, labels, threshold), "trainer"),
              items.get(i).failure()));
    }
    return Predictions.score(examples(items), answers);
  }

  static int[][] confusion(
      List<Item> items, List<Predictions.Answer> answers, List<String> labels) {
    int[][] c = new int[labels.size()][labels.size()];
    for (int i = 0; i < items.size(); i++) {
      c[items.get(i).label()][labels.indexOf(answers.get(i).classification().best().label())]++;
    }
    return c;
  }

  /** The exported graph must give the trainer's probabilities (within 1e-5). */
  static void checkParity(Ensemble m, List<Sample> samples, OnnxClassifier c) throws Exception {
    double worst = 0;
    for (Sample s : samples.subList(0, Math.min(200, samples.size()))) {
      float[] a = c.probabilities(features(s));
      float[] b = m.probabilities(s);
      for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    log(
        "ONNX parity: max |p_onnx - p_trainer| = %.2e over %d samples",
        worst, Math.min(200, samples.size()));
    if (worst > 1e-5)
      throw new IllegalStateException("exported model disagrees with the trainer: " + worst);
  }

  static LexicalFeaturizer.Features features(Sample s) {
    long[] ids = new long[s.ids().length];
    for (int i = 0; i < ids.length; i++) ids[i] = s.ids()[i];
    return new LexicalFeaturizer.Features(ids, s.segments());
  }

  /** The ONNX files that an exported model folder's {@code model.properties} lists. */
  static List<String> onnxFiles(Path dir) throws java.io.IOException {
    java.util.Properties p = new java.util.Properties();
    try (var in =
        Files.newBufferedReader(dir.resolve("model.properties"), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return Arrays.asList(p.getProperty("onnx").split(","));
  }

  static void writeModelProperties(
      Path dir,
      String name,
      List<String> onnxNames,
      float meanTemperature,
      List<String> labels,
      float threshold,
      int buckets,
      int maxTokens,
      java.util.Set<LexicalFeaturizer.Extra> extras)
      throws Exception {
    StringBuilder sb = new StringBuilder();
    sb.append("# stage 1 model exported by io.logdx.trainer (see trainer/MODEL_CARD.md)\n");
    sb.append("id=")
        .append(name.equals("lexical") ? MODEL_ID : "logdx-stage1-" + name)
        .append('\n');
    sb.append("version=").append(VERSION).append('\n');
    sb.append("variant=lexical\n");
    // several files: an ensemble, whose probabilities are the mean of the files' outputs
    sb.append("onnx=").append(String.join(",", onnxNames)).append('\n');
    if (onnxNames.size() > 1) {
      // the mean's own calibration: p_i proportional to mean_i^(1/T)
      sb.append("meanTemperature=")
          .append(String.format(Locale.ROOT, "%.6f", meanTemperature))
          .append('\n');
    }
    sb.append("tokenizer=tokenizer.json\n");
    sb.append("buckets=").append(buckets).append('\n');
    sb.append("maxTokens=").append(maxTokens).append('\n');
    if (!extras.isEmpty())
      sb.append("features=").append(LexicalFeaturizer.Extra.format(extras)).append('\n');
    sb.append("threshold=").append(String.format(Locale.ROOT, "%.4f", threshold)).append('\n');
    sb.append("labels=").append(String.join(",", labels)).append('\n');
    Files.writeString(dir.resolve("model.properties"), sb.toString(), StandardCharsets.UTF_8);
    Map<String, Object> lj = new LinkedHashMap<>();
    lj.put("labels", labels);
    Files.writeString(
        dir.resolve("labels.json"),
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(lj),
        StandardCharsets.UTF_8);
  }

  /** An exported head with the encoder in front of it, run as the engine would. */
  static final class Head implements AutoCloseable {
    final OrtEnvironment env = io.logdx.core.stage1.OnnxClassifier.environment();
    final OrtSession session;

    Head(byte[] onnx) throws Exception {
      try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
        o.setIntraOpNumThreads(1);
        o.setInterOpNumThreads(1);
        session = env.createSession(onnx, o);
      }
    }

    float[] run(Item it, MiniLm lm, LexicalFeaturizer fz, boolean bag) throws Exception {
      MiniLm.Hidden h = lm.hidden(it.text());
      return run(h, bag ? fz.features(it.failure()) : null);
    }

    float[] run(MiniLm.Hidden h, LexicalFeaturizer.Features ft) throws Exception {
      long[] ids = ft == null ? null : ft.ids();
      int s = h.tokens();
      float[] flat = new float[s * MiniLm.DIM];
      for (int i = 0; i < s; i++)
        System.arraycopy(h.state()[i], 0, flat, i * MiniLm.DIM, MiniLm.DIM);
      float[] mask = new float[s];
      Arrays.fill(mask, 1f);
      Map<String, OnnxTensor> in = new HashMap<>();
      try (OnnxTensor hs =
              OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), new long[] {1, s, MiniLm.DIM});
          OnnxTensor mk =
              OnnxTensor.createTensor(env, FloatBuffer.wrap(mask), new long[] {1, 1, s});
          OnnxTensor idt =
              ids == null
                  ? null
                  : OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {ids.length});
          OnnxTensor wt =
              ids == null
                  ? null
                  : OnnxTensor.createTensor(
                      env,
                      FloatBuffer.wrap(ft.weights()),
                      new long[] {LexicalFeaturizer.SEGMENTS, ids.length})) {
        in.put("last_hidden_state", hs);
        in.put("mask", mk);
        if (idt != null) {
          in.put("ids", idt);
          in.put("weights", wt);
        }
        try (OrtSession.Result r = session.run(in)) {
          return ((float[][]) r.get(0).getValue())[0];
        }
      }
    }

    void checkParity(
        BagMlp m,
        float t,
        List<Sample> samples,
        List<Item> items,
        MiniLm lm,
        LexicalFeaturizer fz,
        boolean bag)
        throws Exception {
      double worst = 0;
      for (int i = 0; i < samples.size(); i++) {
        float[] a = run(items.get(i), lm, fz, bag);
        float[] b = m.probabilities(samples.get(i), t);
        for (int j = 0; j < a.length; j++) worst = Math.max(worst, Math.abs(a[j] - b[j]));
      }
      log(
          "ONNX head parity: max |p_onnx - p_trainer| = %.2e over %d samples",
          worst, samples.size());
      if (worst > 1e-4)
        throw new IllegalStateException("exported head disagrees with the trainer: " + worst);
    }

    @Override
    public void close() throws ai.onnxruntime.OrtException {
      session.close();
    }
  }

  static void log(String fmt, Object... args) {
    System.out.println(String.format(Locale.ROOT, fmt, args));
  }

  static void log(String line) {
    System.out.println(line);
  }
}
