package io.logdx.core.pipeline;

/** What the logging thread does when the appender's queue is full. */
public enum OverflowPolicy {
  /**
   * The default: the event goes on at once, on the logging thread, unenriched, with
   * {@code diagnosis.status=overflow}. Nothing blocks and nothing is lost; such an event may reach the wrapped
   * appenders before older events still in the queue.
   */
  PASS_THROUGH,
  /** The logging thread waits for room (at most the configured maximum), then passes the event through. */
  BLOCK
}
