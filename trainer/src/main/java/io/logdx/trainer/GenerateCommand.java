package io.logdx.trainer;

/** {@code generate}: writes the scenario catalogue's failures (package {@code io.logdx.trainer.data}). */
final class GenerateCommand {
  private GenerateCommand() {}

  static int run(Options o) throws Exception {
    System.err.println("generate: the scenario catalogue (io.logdx.trainer.data) is not merged yet");
    return 2;
  }
}
