package io.logdx.spring.boot;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * One of the root logger's own appenders as the diagnosing appender sees it: every event goes straight to it. The
 * diagnosing appender stops the appenders it wraps when it stops (as Logback's {@code AsyncAppender} does). When
 * Logback stops it (a reset on reconfiguration, the shutdown of the logger context at exit), the borrowed appender
 * stops with it, as it would have on the root logger; when the application context closes, the starter gives the
 * borrowed appender back to the root logger and {@link #release releases} it first, so that the diagnosing
 * appender can drain into it and stop without stopping it.
 */
final class BorrowedAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private final Appender<ILoggingEvent> owner;
  private volatile boolean released;

  BorrowedAppender(Appender<ILoggingEvent> owner) {
    this.owner = owner;
    setName(owner.getName());
    setContext(owner.getContext());
  }

  Appender<ILoggingEvent> owner() {
    return owner;
  }

  /** From now on stopping this wrapper leaves the borrowed appender running: it is the root logger's again. */
  void release() {
    released = true;
  }

  @Override
  public void stop() {
    super.stop();
    if (!released) owner.stop();
  }

  /** Straight to the borrowed appender: its own filters and state apply there. */
  @Override
  public void doAppend(ILoggingEvent event) {
    owner.doAppend(event);
  }

  @Override
  protected void append(ILoggingEvent event) {
    owner.doAppend(event);
  }
}
