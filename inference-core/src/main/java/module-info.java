/**
 * logdx's engine, free of any logging framework: a throwable or log text → masked cause chain → fingerprint →
 * stage 1 (category) → stage 2 (cause and fix) → {@link io.logdx.core.Diagnosis}, and the framework-neutral
 * pipeline the appenders run it in.
 *
 * <p>The API is three packages: {@code io.logdx.core} (the values and the two stage interfaces),
 * {@code io.logdx.core.engine} ({@link io.logdx.core.engine.Diagnoser} and its builder) and
 * {@code io.logdx.core.pipeline} (the appender core). The implementation packages are exported only to the
 * logdx modules that need them: the parser to the command line, the trainer and the benchmarks; stage 1's model
 * loading and featurizer to the trainer and the benchmarks; stage 2's generator to the benchmarks.
 */
// "module": the qualified exports name modules built after this one; "requires-automatic": ONNX
// Runtime and DJL ship no module descriptor, only an Automatic-Module-Name
@SuppressWarnings({"module", "requires-automatic"})
module io.logdx.core {
  requires ai.djl.tokenizers;
  requires com.github.benmanes.caffeine;
  requires com.microsoft.onnxruntime;
  requires java.management;

  exports io.logdx.core;
  exports io.logdx.core.engine;
  exports io.logdx.core.pipeline;
  exports io.logdx.core.internal to
      io.logdx.cli,
      io.logdx.trainer,
      io.logdx.benchmarks;
  exports io.logdx.core.stage1 to
      io.logdx.trainer,
      io.logdx.benchmarks;
  exports io.logdx.core.stage2 to
      io.logdx.benchmarks;
}
