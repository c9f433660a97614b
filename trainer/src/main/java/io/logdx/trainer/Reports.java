package io.logdx.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.trainer.TrainCommand.VariantResult;
import io.logdx.trainer.model.ConfusionPng;
import io.logdx.trainer.model.Corpus;
import io.logdx.trainer.model.Example;
import io.logdx.trainer.model.Fit;
import io.logdx.trainer.model.Metrics;
import io.logdx.trainer.model.TrainConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the outputs of {@code train}: model files, history, metrics, confusion matrix and model card. */
final class Reports {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Reports() {}

  static void write(
      Options o,
      Path out,
      VariantResult shipped,
      List<VariantResult> results,
      List<String> labels,
      TrainConfig cfg,
      int buckets,
      int maxTokens,
      int encoderTokens,
      int realCap,
      float realWeight,
      List<Example> gen,
      List<Example> real,
      int realAll,
      int devN,
      double minutes,
      byte[] tokenizerJson)
      throws Exception {
    Path model = out.resolve("lexical");
    // history of every variant
    Map<String, Object> history = new LinkedHashMap<>();
    for (VariantResult r : results) {
      if (r.fits() == null) continue;
      List<Map<String, Object>> members = new ArrayList<>();
      for (Fit.Result fit : r.fits()) {
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (Fit.Epoch e : fit.history()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("epoch", e.epoch());
          m.put("train_loss", r4(e.trainLoss()));
          m.put("train_top1", r4(e.trainTop1()));
          m.put("val_loss", r4(e.valLoss()));
          m.put("val_top1", r4(e.valTop1()));
          m.put("val_top3", r4(e.valTop3()));
          m.put("val_macro_f1", r4(e.valMacroF1()));
          m.put("seconds", r4(e.seconds()));
          epochs.add(m);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("best_epoch", fit.bestEpoch());
        v.put("epochs", epochs);
        members.add(v);
      }
      // one model: its history as before; an ensemble: one history per member, in member order
      history.put(r.name(), members.size() == 1 ? members.get(0) : Map.of("members", members));
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("shipped", TrainCommand.MODEL_ID + "/" + TrainCommand.VERSION);
    metrics.put("train_minutes", r4(minutes));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("generated", gen.size());
    data.put("generated_per_label", Corpus.counts(gen));
    data.put("real_used", real.size());
    data.put("real_total", realAll);
    data.put("real_cap_per_label", realCap);
    data.put("real_weight", realWeight);
    data.put("dev", devN);
    metrics.put("data", data);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("train", cfg);
    config.put("buckets", buckets);
    config.put("max_tokens", maxTokens);
    config.put("encoder_tokens", encoderTokens);
    metrics.put("config", config);
    Map<String, Object> variants = new LinkedHashMap<>();
    for (VariantResult r : results) variants.put(r.name(), variantJson(r));
    metrics.put("variants", variants);

    List<Path> dirs = new ArrayList<>();
    dirs.add(out);
    if (o.has("card")) dirs.add(Path.of(o.get("card", "")));
    for (Path d : dirs) {
      Files.createDirectories(d);
      Files.writeString(
          d.resolve("training_history.json"),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(history));
      Files.writeString(
          d.resolve("metrics.json"),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(metrics));
      Files.copy(
          model.resolve("labels.json"),
          d.resolve("labels.json"),
          StandardCopyOption.REPLACE_EXISTING);
      if (shipped.devConfusion() != null && devN > 0) {
        ConfusionPng.write(
            shipped.devConfusion(),
            labels,
            "dev confusion, " + TrainCommand.MODEL_ID + " (rows: gold, columns: predicted)",
            d.resolve("confusion_dev.png"));
      }
      if (Files.isRegularFile(model.resolve("reliability.png")) && !d.equals(out)) {
        Files.copy(
            model.resolve("reliability.png"),
            d.resolve("reliability.png"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      if (shipped.dev() != null) {
        Files.writeString(
            d.resolve("dev_score.txt"), shipped.dev().format(0), StandardCharsets.UTF_8);
      }
    }
    String card =
        card(
            shipped,
            results,
            cfg,
            buckets,
            maxTokens,
            encoderTokens,
            realCap,
            realWeight,
            gen,
            real,
            realAll,
            devN,
            minutes,
            o);
    Files.writeString(out.resolve("MODEL_CARD.md"), card, StandardCharsets.UTF_8);
    if (o.has("model-card"))
      Files.writeString(Path.of(o.get("model-card", "")), card, StandardCharsets.UTF_8);
    if (o.has("ship")) {
      Path ship = Path.of(o.get("ship", ""));
      Files.createDirectories(ship);
      // model files of an earlier export that this one does not list would be loaded by nobody:
      // removed
      try (var old = Files.list(ship)) {
        for (Path f : old.filter(f -> f.getFileName().toString().endsWith(".onnx")).toList())
          Files.delete(f);
      }
      List<String> files =
          new ArrayList<>(List.of("model.properties", "labels.json", "tokenizer.json"));
      files.addAll(TrainCommand.onnxFiles(model));
      for (String f : files) {
        Files.copy(model.resolve(f), ship.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
      TrainCommand.log("shipped the lexical model to %s", ship);
    }
  }

  static Map<String, Object> variantJson(VariantResult r) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("description", r.description());
    if (r.model() != null) {
      v.put("members", r.model().size());
      List<Double> ts = new ArrayList<>();
      for (float t : r.model().temperatures()) ts.add(r4(t));
      v.put("temperature", ts.size() == 1 ? ts.get(0) : ts);
      if (ts.size() > 1) v.put("mean_temperature", r4(r.model().meanTemperature()));
    } else v.put("cascade_tau", r4(r.temperature()));
    v.put("unknown_threshold", r4(r.threshold()));
    if (!Double.isNaN(r.valEce())) v.put("val_ece", r4(r.valEce()));
    v.put("onnx_bytes", r.onnxBytes());
    v.put("train_seconds", r4(r.trainSeconds()));
    if (r.val() != null) v.put("val", headline(r.val()));
    if (r.dev() != null) {
      Map<String, Object> d = headline(r.dev());
      Map<String, Object> per = new LinkedHashMap<>();
      for (Metrics.Row row : r.dev().rows()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("n", row.support());
        x.put("precision", r4(row.precision()));
        x.put("recall", r4(row.recall()));
        x.put("f1", r4(row.f1()));
        per.put(row.label(), x);
      }
      d.put("per_label", per);
      List<String> conf = new ArrayList<>();
      for (Map.Entry<String, Integer> c : r.dev().confusions())
        conf.add(c.getValue() + "  " + c.getKey());
      d.put("confusions", conf);
      v.put("dev", d);
    }
    if (r.latency() != null) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("p50_ms", r4(r.latency().p50()));
      l.put("p99_ms", r4(r.latency().p99()));
      l.put("mean_ms", r4(r.latency().mean()));
      l.put("calls", r.latency().calls());
      v.put("latency_single_thread", l);
    }
    return v;
  }

  static Map<String, Object> headline(Metrics.Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", r.n());
    m.put("top1", r4(r.top1()));
    m.put("top3", r4(r.top3()));
    m.put("top5", r4(r.top5()));
    m.put("macro_f1", r4(r.macroF1()));
    m.put("weighted_f1", r4(r.weightedF1()));
    m.put("root_cause_acc", r4(r.rootCauseAcc()));
    m.put("location_acc", r4(r.locationAcc()));
    return m;
  }

  static double r4(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  static String card(
      VariantResult shipped,
      List<VariantResult> results,
      TrainConfig cfg,
      int buckets,
      int maxTokens,
      int encoderTokens,
      int realCap,
      float realWeight,
      List<Example> gen,
      List<Example> real,
      int realAll,
      int devN,
      double minutes,
      Options o)
      throws Exception {
    StringBuilder sb = new StringBuilder();
    sb.append("# Model card: logdx stage 1 classifier\n\n");
    sb.append("*Generated by `trainer train` (")
        .append(String.format(Locale.ROOT, "%.1f", minutes))
        .append(
            " min on this machine); the notes at the end are kept in `trainer/model-card/NOTES.md`.*\n\n");
    sb.append("Shipped model: **")
        .append(TrainCommand.MODEL_ID)
        .append('/')
        .append(TrainCommand.VERSION)
        .append("** (")
        .append(shipped.description())
        .append("), files under `inference-core/src/main/resources/io/logdx/model/`.\n\n");
    sb.append("## Dev set (")
        .append(devN)
        .append(" real records, measured only, never trained or tuned on)\n\n");
    sb.append(
        "| model | top-1 | top-3 | top-5 | macro-F1 | latency |\n|---|---:|---:|---:|---:|---|\n");
    sb.append(
        "| reference (published two-stage analyser, 44 classes) | 50.5% | 70.2% | 78.6% | 43.3% | ~1.5 s/log |\n");
    for (VariantResult r : results) {
      if (r.dev() == null) continue;
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s%s | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %s |%n",
              r.name(),
              r == shipped ? " (shipped)" : "",
              r.dev().top1(),
              r.dev().top3(),
              r.dev().top5(),
              r.dev().macroF1(),
              r.latency() == null
                  ? "-"
                  : String.format(
                      Locale.ROOT,
                      "p50 %.2f ms, p99 %.2f ms",
                      r.latency().p50(),
                      r.latency().p99())));
    }
    sb.append(
            "\nLatency: stage 1 only (render + tokenise + features + ONNX run; for the encoder variants also MiniLM), one ")
        .append(
            "thread, one intra-op thread, over the dev records after a warm-up pass, measured with a plain `System.nanoTime` ")
        .append(
            "loop inside the training run (not JMH; the machine is shared, so expect noise). Targets: p99 <= 5 ms.\n\n");
    sb.append("## Ablation (validation split of the training data, and dev)\n\n");
    sb.append(
        "| variant | description | val top-1 | val macro-F1 | dev top-1 | dev top-3 | dev macro-F1 | T | unknown below | ONNX size |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (VariantResult r : results) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.1f%% | %.1f%% | %s | %s | %s | %.2f | %.3f | %s |%n",
              r.name(),
              r.description(),
              r.val() == null ? 0 : r.val().top1(),
              r.val() == null ? 0 : r.val().macroF1(),
              r.dev() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", r.dev().top1()),
              r.dev() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", r.dev().top3()),
              r.dev() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", r.dev().macroF1()),
              r.temperature(),
              r.threshold(),
              r.onnxBytes() == 0
                  ? "-"
                  : String.format(Locale.ROOT, "%.2f MB", r.onnxBytes() / 1e6)));
    }
    sb.append(
        "\n(T: calibrated temperature; for the cascade, the lexical confidence below which the combined model answers.)\n\n");
    sb.append("## Data\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "- generated failures: %d (labels: %d); real-train: %d of %d used (at most %d per label, weight %.2f).%n",
            gen.size(),
            Corpus.counts(gen).size(),
            real.size(),
            realAll,
            realCap,
            realWeight));
    sb.append(
        "- validation: 10% of the groups (scenarios) of each label (of the records for `unknown`, a catch-all), from the training data only.\n");
    sb.append("- generated per label: ").append(Corpus.counts(gen)).append("\n\n");
    sb.append("## Recipe\n\n");
    sb.append(
            String.format(
                Locale.ROOT,
                "- features: DJL HuggingFace tokenizer (all-MiniLM-L6-v2 word pieces, %d tokens), hashed bigrams, ",
                maxTokens))
        .append("hashed class-name / package / top-frame features; ")
        .append(buckets)
        .append(" buckets x ")
        .append(cfg.dim())
        .append(
            " dims (float16 in the ONNX file); feature sets beyond the base (`features=` in model.properties): ")
        .append(
            o.get("features", TrainCommand.DEFAULT_FEATURES).isBlank()
                ? "none"
                : "`" + o.get("features", TrainCommand.DEFAULT_FEATURES) + "`")
        .append(" (see the notes).\n");
    sb.append(
            String.format(
                Locale.ROOT,
                "- head: three embedding bags (means of the root-cause text, chain-structure and context features) -> %d ReLU -> %d labels; AdamW (lr %.0e, weight decay %.0e, lazy for embedding rows), ",
                cfg.hidden(),
                49,
                cfg.lr(),
                cfg.weightDecay()))
        .append(
            String.format(
                Locale.ROOT,
                "batch %d, class weights (inverse frequency ^ %.1f), label smoothing %.2f, feature dropout %.2f, ",
                cfg.batch(),
                cfg.classWeightPower(),
                cfg.smoothing(),
                cfg.featureDropout()))
        .append(
            String.format(
                Locale.ROOT,
                "early stopping on validation macro-F1 (patience %d, at most %d epochs), seed %d.%n",
                cfg.patience(),
                cfg.epochs(),
                cfg.seed()));
    if (shipped.model() != null && shipped.model().size() > 1) {
      sb.append(
          String.format(
              Locale.ROOT,
              "- ensemble: %d members trained on the same data and split from seeds %d + k x %d, "
                  + "each with its own temperature; the shipped probabilities are the mean of the members' (one ONNX file per member, "
                  + "the features computed once), recalibrated on validation with a temperature of its own (T = %.3f: p ∝ mean^(1/T)).%n",
              shipped.model().size(),
              cfg.seed(),
              TrainCommand.MEMBER_SEED_STEP,
              shipped.model().meanTemperature()));
    }
    sb.append(
            "- calibration: temperature scaling on validation (NLL); `unknown` when the calibrated best is below the threshold ")
        .append(
            "that maximises validation accuracy (answer `unknown` with p = 1 - p(best), then the ranking).\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "- encoder variants: quantised all-MiniLM-L6-v2 (langchain4j jar), %d tokens, frozen, mean-pooled in the exported head.%n%n",
            encoderTokens));
    sb.append(
        "## Figures\n\n- [`model-card/confusion_dev.png`](model-card/confusion_dev.png): the shipped model's dev confusion matrix "
            + "(rows gold, columns predicted, row-normalised shading).\n- [`model-card/reliability.png`](model-card/reliability.png): "
            + "reliability diagram of the shipped model's top answer on validation and dev (share right per probability bin, ECE).\n"
            + "- [`model-card/lofo_confusion.png`](model-card/lofo_confusion.png): where failures of held-out library families go "
            + "(leave-one-family-out, pooled; `trainer lofo --confusion`).\n\n");
    if (shipped.dev() != null) {
      sb.append("## Shipped model on dev, per label (score.py's table)\n\n```\n")
          .append(shipped.dev().format(0))
          .append("```\n\n");
    }
    Path notes = Path.of(o.get("notes", "trainer/model-card/NOTES.md"));
    if (Files.isRegularFile(notes)) sb.append(Files.readString(notes, StandardCharsets.UTF_8));
    return sb.toString();
  }
}
