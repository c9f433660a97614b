package io.logdx.core.pipeline;

import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.AppenderSettings.OverflowPolicy;
import java.time.Duration;

/** Pipelines for tests, set up as the appenders set them up: through {@link AppenderSettings}. */
final class TestPipelines {
  private TestPipelines() {}

  static <E> DiagnosisPipeline<E> start(
      Diagnoser dx,
      PipelineSink<E> sink,
      ExceptionFilter filter,
      int queueSize,
      OverflowPolicy policy,
      Duration timeBudget,
      Duration maxBlock,
      Duration drainTimeout,
      boolean followUps,
      Duration occurrenceWindow,
      String name) {
    AppenderSettings settings =
        AppenderSettings.builder(
                problem -> {
                  throw new AssertionError(problem);
                },
                policy)
            .set("queueSize", Integer.toString(queueSize))
            .set("timeBudget", timeBudget.toMillis() + "ms")
            .set("maxBlock", maxBlock.toMillis() + "ms")
            .set("drainTimeout", drainTimeout.toMillis() + "ms")
            .set("followUps", Boolean.toString(followUps))
            .set("occurrenceWindow", occurrenceWindow.toMillis() + "ms")
            .build();
    return new DiagnosisPipeline<>(dx, sink, filter, settings, name);
  }
}
