package io.logdx.core.pipeline;

/** What the logging thread does when the appender's queue is full. */
public enum OverflowPolicy {
  /**
   * The event goes on at once, on the logging thread, unenriched, with {@code diagnosis.status=overflow}. Nothing
   * blocks and nothing is lost; such an event may reach the wrapped appenders before older events still in the
   * queue. The Log4j2 appender's default.
   */
  PASS_THROUGH,
  /** The logging thread waits for room (at most the configured maximum), then passes the event through. */
  BLOCK,
  /**
   * The logging thread enriches the event itself when its failure is already diagnosed (it parses the throwable
   * and looks up the cache: a few microseconds, never a model run); otherwise as {@link #PASS_THROUGH}. For
   * exception storms of a few known failures: the events keep their fields, and the threads that overfill the
   * queue pay for their own enrichment instead of waiting. Such an event, too, may overtake queued ones. The
   * Logback appender's default, where the event has turned the stack into elements already; a Log4j2 event has
   * not, and the logging thread would pay for that too.
   */
  ENRICH_CACHED
}
