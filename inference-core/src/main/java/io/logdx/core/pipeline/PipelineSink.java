package io.logdx.core.pipeline;

import io.logdx.core.Diagnosis;

/**
 * What a logging framework's appender gives the {@link DiagnosisPipeline}: how to hand an event on to the
 * wrapped appenders, with or without diagnosis fields. Called on the pipeline's dispatcher thread, in logging
 * order (except {@link #deliverOverflow}, called on the logging thread).
 *
 * @param <E> the framework's event type
 */
public interface PipelineSink<E> {

  /**
   * Hands an event on.
   *
   * @param event the event as logged
   * @param diagnosis the diagnosis, or {@code null} for events that carry no throwable; its status is OK or
   *     ERROR when complete, PENDING when the budget ran out (then only the fingerprint is meaningful), SKIPPED
   *     when filters excluded it
   * @param occurrences how often this fingerprint was seen in the sliding window (0 without diagnosis)
   */
  void deliver(E event, Diagnosis diagnosis, long occurrences);

  /**
   * Writes a late diagnosis as a follow-up event that carries the fingerprint and the identity of the original
   * event. Called at most once per pending event, unless follow-ups are disabled.
   */
  void deliverFollowUp(E original, Diagnosis diagnosis, long occurrences);

  /** Hands an event on unenriched with status overflow, on the logging thread (queue full). */
  void deliverOverflow(E event);

  /** Reports the pipeline's own problems (to the framework's status manager; never through a logger). */
  void reportProblem(String message, Throwable error);
}
