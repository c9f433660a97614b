package io.logdx.trainer;

import io.logdx.trainer.data.DataGenerator;
import io.logdx.trainer.data.Example;
import io.logdx.trainer.data.GenerateData;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code generate --out FILE.jsonl [--per-label 300] [--seed 42]}: runs the scenario catalogue
 * ({@link DataGenerator}) and writes the generated failures as JSONL.
 */
final class GenerateCommand {
  static final int DEFAULT_PER_LABEL = 300;
  static final long DEFAULT_SEED = 42;

  private GenerateCommand() {}

  static int run(Options o) throws Exception {
    long t0 = System.nanoTime();
    List<Example> examples =
        DataGenerator.generate(
            Long.parseLong(o.get("seed", Long.toString(DEFAULT_SEED))),
            o.getInt("per-label", DEFAULT_PER_LABEL));
    Path out = Path.of(o.require("out"));
    GenerateData.write(examples, out);
    TrainCommand.log(
        "generated %d failures into %s in %.1fs",
        examples.size(), out, (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
