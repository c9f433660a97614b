package io.logdx.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdx.core.Classifier;
import io.logdx.core.Classifier.Classification;
import io.logdx.core.Classifier.Prediction;
import io.logdx.core.Failure;
import io.logdx.core.Failure.Location;
import io.logdx.core.engine.Diagnoser;
import io.logdx.core.internal.FailureParser;
import io.logdx.trainer.model.Example;
import io.logdx.trainer.model.Metrics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a stage 1 classifier over records as the batch contract does (only id, text and app_packages are read)
 * and scores the answers like {@code score.py}.
 */
final class Predictions {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One record's answer in the batch contract's shape. */
  record Answer(String id, Classification classification, Failure failure) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("label", classification.best().label());
      m.put("confidence", round(classification.best().probability()));
      List<Map<String, Object>> top = new ArrayList<>();
      for (Prediction p : classification.top()) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("label", p.label());
        t.put("p", round(p.probability()));
        top.add(t);
      }
      m.put("top", top);
      m.put("root_cause", failure.rootCause().map(c -> c.type()).orElse(null));
      Location loc = failure.location().orElse(null);
      if (loc == null) {
        m.put("location", null);
      } else {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("frame", loc.printed());
        l.put("class", loc.className());
        l.put("method", loc.methodName());
        l.put("file", loc.fileName());
        l.put("line", loc.lineNumber() >= 0 ? loc.lineNumber() : null);
        m.put("location", l);
      }
      m.put("model", classification.model());
      return m;
    }
  }

  private Predictions() {}

  static double round(double p) {
    return Math.round(p * 1e6) / 1e6;
  }

  static Failure parse(Example e) {
    return new FailureParser(e.appPackages(), Diagnoser.Builder.DEFAULT_MAX_INPUT_CHARS)
        .parse(e.text());
  }

  static List<Answer> answer(Classifier c, List<Example> records) throws Exception {
    List<Answer> out = new ArrayList<>(records.size());
    for (Example e : records) {
      Failure f = parse(e);
      out.add(new Answer(e.id(), c.classify(f), f));
    }
    return out;
  }

  static Metrics.Report score(List<Example> gold, List<Answer> answers) {
    List<Metrics.Scored> s = new ArrayList<>(gold.size());
    for (int i = 0; i < gold.size(); i++) {
      Example g = gold.get(i);
      Answer a = answers.get(i);
      List<String> ranked = new ArrayList<>();
      for (Prediction p : a.classification().top()) ranked.add(p.label());
      String frame = a.failure().location().map(Location::printed).orElse(null);
      s.add(
          new Metrics.Scored(
              g.label(),
              ranked,
              g.rootCause(),
              a.failure().rootCause().map(c -> c.type()).orElse(null),
              g.appFrame(),
              frame));
    }
    return Metrics.report(s);
  }

  static void write(List<Answer> answers, Path file) throws IOException {
    if (file.getParent() != null) Files.createDirectories(file.getParent());
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Answer a : answers) {
        w.write(JSON.writeValueAsString(a.toJson()));
        w.write('\n');
      }
    }
  }
}
