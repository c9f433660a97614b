package io.logdx.trainer;

import io.logdx.core.Classifier;
import io.logdx.core.stage1.ModelLoader;
import io.logdx.trainer.model.Corpus;
import io.logdx.trainer.model.Example;
import io.logdx.trainer.model.Metrics;
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
    try (Classifier c = ModelLoader.load(o.get("model", ModelLoader.DEFAULT))) {
      System.out.println("model " + c.id());
      List<Predictions.Answer> answers = Predictions.answer(c, data);
      if (o.has("pred")) Predictions.write(answers, Path.of(o.get("pred", "")));
      Metrics.Report r = Predictions.score(data, answers);
      System.out.print(r.format(0));
    }
    return 0;
  }
}
