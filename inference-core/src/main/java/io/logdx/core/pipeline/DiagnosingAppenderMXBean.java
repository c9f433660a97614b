package io.logdx.core.pipeline;

/**
 * The counters of a diagnosing appender, Logback's and Log4j2's alike, registered as
 * {@code io.logdx:type=DiagnosingAppender,name=<appender name>} while the appender runs (setting {@code jmx}).
 * The appenders' {@code getStats()} returns a snapshot of the same.
 *
 * <p>Invariant: every received event is in exactly one of {@link #getDelivered() Delivered},
 * {@link #getFailedHandOns() FailedHandOns}, {@link #getOverflowed() Overflowed} or
 * {@link #getPassedThrough() PassedThrough}, or still {@link #getQueued() Queued}:
 * {@code Received = Delivered + FailedHandOns + Overflowed + PassedThrough + Queued} once the appender is quiet. {@link #getEnriched() Enriched}, {@link #getPending() Pending}, {@link #getSkipped() Skipped},
 * {@link #getFailed() Failed} and {@link #getRefused() Refused} are parts of Delivered (a refused event went
 * through the queue in its order, with {@code diagnosis.status=refused}); {@link #getCacheHits() CacheHits} is a
 * part of Enriched.
 */
public interface DiagnosingAppenderMXBean {
  /** Events the appender was given (after its framework's filters). */
  long getReceived();

  /**
   * Events handed on through the queue in logging order (by the dispatcher, or by a logging thread that found the
   * queue full and delivered the events ahead of its own) and taken by the wrapped appenders without an error.
   */
  long getDelivered();

  /**
   * Events handed on once whose wrapped appender failed: it threw (any {@code Throwable}: a
   * {@code StackOverflowError} of an encoder, an {@code AssertionError}, an {@code OutOfMemoryError} on one huge
   * event) or, on Log4j2, reported an error to its error handler. Reported on the framework's status channel; the
   * next event goes on. Not part of Delivered, nor of the diagnosis counters.
   */
  long getFailedHandOns();

  /** Of the delivered, those with a complete diagnosis ({@code diagnosis.status=ok}). */
  long getEnriched();

  /** Of the enriched, those whose diagnosis came from the cache. */
  long getCacheHits();

  /** Of the delivered, those handed on with {@code diagnosis.status=pending} (diagnosis not ready in time). */
  long getPending();

  /** Late diagnoses written as follow-up events (not counted as received). */
  long getFollowUps();

  /** Of the delivered, those whose throwable the include/exclude lists left undiagnosed (status skipped). */
  long getSkipped();

  /** Of the delivered, those whose diagnosis ended with {@code diagnosis.status=error}. */
  long getFailed();

  /** Events that found the queue full and went on at once with {@code diagnosis.status=overflow}. */
  long getOverflowed();

  /**
   * Of the delivered, never-seen failures the engine refused for lack of model time ({@code modelTimeShare}) or
   * backlog room, handed on with {@code diagnosis.status=refused}.
   */
  long getRefused();

  /**
   * Events handed straight on without the queue: logged by logdx's own threads or re-entrantly, while the appender
   * was stopping or stopped, or when its engine could not start (then with {@code diagnosis.status=error}).
   */
  long getPassedThrough();

  /** Events queued or waiting for their diagnosis now. */
  int getQueued();

  /** Capacity of the queue. */
  int getQueueCapacity();

  /** Model id and version of stage 1; {@code none} when the engine could not start. */
  String getModel();
}
