package io.logdx.logback;

/**
 * The counters of a running {@link DiagnosingAppender}, registered as
 * {@code io.logdx:type=DiagnosingAppender,name=<appender name>} while it is started.
 */
public interface DiagnosingAppenderMXBean {
  /** Events queued. */
  long getReceived();

  /** Events handed to the wrapped appenders through the queue. */
  long getDelivered();

  /** Events delivered with a complete diagnosis. */
  long getEnriched();

  /** Of the enriched, those answered from the cache. */
  long getCacheHits();

  /** Events that went on with status pending (diagnosis not ready within the time budget). */
  long getPending();

  /** Late diagnoses written as follow-up events. */
  long getFollowUps();

  /** Events whose throwable the include/exclude lists left undiagnosed (status skipped). */
  long getSkipped();

  /** Events whose diagnosis ended with status error. */
  long getFailed();

  /** Events that found the queue full and went on unenriched (status overflow). */
  long getOverflowed();

  /** Events queued or in flight now. */
  int getQueued();

  /** Capacity of the queue. */
  int getQueueSize();

  /** Model id of stage 1. */
  String getModel();
}
