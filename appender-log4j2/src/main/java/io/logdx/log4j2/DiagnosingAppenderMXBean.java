package io.logdx.log4j2;

/**
 * Counters of one {@code <Diagnosing>} appender, registered as {@code io.logdx:type=DiagnosingAppender,name=<name>}
 * while the appender runs. Every event the appender received is in exactly one of {@link #getDelivered()},
 * {@link #getOverflowed()} or {@link #getPassedThrough()}, or still {@link #getQueued()}.
 */
public interface DiagnosingAppenderMXBean {
  /** Events queued for diagnosis and ordered delivery. */
  long getReceived();

  /** Queued events handed on to the referenced appenders. */
  long getDelivered();

  /** Events handed on with a complete diagnosis. */
  long getEnriched();

  /** Of the enriched, those whose diagnosis came from the cache. */
  long getCacheHits();

  /** Events handed on with {@code diagnosis.status=pending}. */
  long getPending();

  /** Late diagnoses written as follow-up events. */
  long getFollowUps();

  /** Events with a throwable that the include/exclude filters left undiagnosed. */
  long getSkipped();

  /** Events whose diagnosis ended with {@code diagnosis.status=error}. */
  long getFailed();

  /**
   * Events that found the queue full and went on at once with {@code diagnosis.status=overflow}; also the rare
   * event that raced with the start of the drain on stop (it went on after the drain, marked skipped).
   */
  long getOverflowed();

  /** Events passed straight through: logged by logdx's own threads, re-entrant, or while stopped. */
  long getPassedThrough();

  /** Events queued or waiting for their diagnosis now. */
  int getQueued();

  /** Capacity of the queue. */
  int getQueueCapacity();

  /** Model id and version of stage 1. */
  String getModel();
}
