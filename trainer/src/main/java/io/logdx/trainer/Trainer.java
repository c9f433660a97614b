package io.logdx.trainer;

import java.util.Arrays;
import java.util.List;

/**
 * The trainer's command line.
 *
 * <pre>
 *   generate --out FILE.jsonl [--per-label N] [--seed S]   write generated training failures
 *   train    --data FILE.jsonl[,FILE...] [--real real-train.jsonl] [--dev dev.jsonl] --out DIR
 *            [--ship inference-core/src/main/resources/io/logdx/model] [--card trainer/model-card]
 *            [--variants lexical,encoder,combined,cascade] [--compare-without-real]
 *   evaluate --data FILE.jsonl [--model default|rules|DIR] [--pred OUT.jsonl]
 *   lofo     --data FILE.jsonl --real real-train.jsonl --out TABLE.md [--features typewords] [--epochs 12]
 *            leave-one-family-out: train without each library family in turn, test on it
 * </pre>
 */
public final class Trainer {
  private Trainer() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("java.awt.headless", "true");
    if (args.length == 0) {
      usage();
      System.exit(2);
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    int rc;
    switch (args[0]) {
      case "generate" -> rc = GenerateCommand.run(new Options(rest));
      case "train" -> rc = TrainCommand.run(new Options(rest));
      case "evaluate" -> rc = EvaluateCommand.run(new Options(rest));
      case "lofo" -> rc = LofoCommand.run(new Options(rest));
      default -> {
        usage();
        rc = 2;
      }
    }
    System.exit(rc);
  }

  private static void usage() {
    System.err.println(
        "usage: trainer generate|train|evaluate|lofo [options] (see io.logdx.trainer.Trainer)");
  }
}
