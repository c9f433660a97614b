package io.logdx.core.pipeline;

import io.logdx.core.Diagnosis;

/**
 * How the {@link DiagnosisPipeline} hands events on ({@link AppenderCore} implements it for both frameworks).
 * {@link #deliver} runs on the dispatcher thread in logging order, and under
 * {@link AppenderSettings.OverflowPolicy#ENRICH_CACHED} also on a logging thread that found the queue full and
 * enriched its event itself; {@link #deliverOverflow} runs on the logging thread; {@link #deliverFollowUp} on the
 * dispatcher.
 *
 * @param <E> the framework's event type
 */
interface PipelineSink<E> {

  /**
   * Hands an event on.
   *
   * @param event the event as queued
   * @param diagnosis the diagnosis, or {@code null} for an event without a throwable to diagnose; its status is OK,
   *     ERROR or REFUSED when complete, PENDING when the budget ran out (then only what parsing knows), SKIPPED when
   *     the filters excluded it
   * @param occurrences how often this fingerprint was seen in the sliding window (0: not counted)
   * @param eventId the event id of a pending event that gets a follow-up, otherwise {@code null}
   */
  void deliver(E event, Diagnosis diagnosis, long occurrences, String eventId);

  /**
   * Writes a late diagnosis as a follow-up event of a pending one. Called at most once per pending event, and only
   * for those delivered with an event id.
   */
  void deliverFollowUp(E original, Diagnosis diagnosis, long occurrences, String eventId);

  /**
   * Hands an event on unenriched at once (queue full), on the logging thread.
   *
   * @param diagnosable whether it carried a throwable to diagnose (then it goes on with status overflow)
   */
  void deliverOverflow(E event, boolean diagnosable);

  /** Reports the pipeline's own problems (throttled per message; never through a logger). */
  void reportProblem(String message, Throwable error);
}
