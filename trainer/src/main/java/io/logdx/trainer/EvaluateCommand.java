package io.logdx.trainer;

import io.logdx.core.Classifier;
import io.logdx.core.stage1.ModelLoader;
import io.logdx.core.stage1.OnnxClassifier;
import io.logdx.trainer.model.Corpus;
import io.logdx.trainer.model.Example;
import io.logdx.trainer.model.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code evaluate --data FILE.jsonl [--model default|rules|DIR] [--pred OUT.jsonl]}: classifies every record with
 * the shipped model (or another) and prints the metrics of {@code score.py}; {@code --pred} writes the answers in
 * the batch contract's shape so that score.py can check the figures.
 */
final class EvaluateCommand {
  private EvaluateCommand() {}

  static int run(Options o) throws Exception {
    List<Example> data = Corpus.read(Path.of(o.require("data")), null);
    String location = o.get("model", ModelLoader.DEFAULT);
    Classifier model;
    try {
      model = load(location);
    } catch (ModelNotLoaded e) {
      System.err.println("evaluate: " + e.getMessage());
      return 2;
    }
    try (Classifier c = model) {
      System.out.println("model " + c.id());
      List<Predictions.Answer> answers = Predictions.answer(c, data);
      if (o.has("pred")) Predictions.write(answers, Path.of(o.get("pred", "")));
      Metrics.Report r = Predictions.score(data, answers);
      System.out.print(r.format(0));
    }
    return 0;
  }

  /**
   * The model to evaluate. {@code rules} is the rule-based classifier; the shipped model and a folder must load as
   * they are: the engine's fallback to the rules (right for an appender, which must go on) would have this command
   * score the rules under the name of the model asked for.
   */
  static Classifier load(String location) throws ModelNotLoaded {
    if (ModelLoader.RULES.equals(location)) return ModelLoader.load(location);
    Classifier c;
    try {
      c = OnnxClassifier.load(location);
    } catch (Exception | LinkageError e) {
      throw new ModelNotLoaded("the model at " + describe(location) + " cannot be loaded: " + e, e);
    }
    if (c == null) {
      String hint =
          ModelLoader.DEFAULT.equals(location)
              ? " (the shipped model is not on the class path)"
              : Files.isDirectory(Path.of(location))
                  ? " (no model.properties: only the lexical variant's folder is a model the engine runs; the encoder,"
                      + " combined and cascade folders hold heads for comparison)"
                  : " (no such folder)";
      throw new ModelNotLoaded("no stage 1 model at " + describe(location) + hint, null);
    }
    return c;
  }

  private static String describe(String location) {
    return ModelLoader.DEFAULT.equals(location)
        ? "default"
        : Path.of(location).toAbsolutePath().toString();
  }

  /** The model asked for does not load: the command says so and exits with 2 instead of scoring something else. */
  static final class ModelNotLoaded extends Exception {
    private static final long serialVersionUID = 1L;

    ModelNotLoaded(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
