package io.logdx.spring.boot;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * One of the root logger's own appenders as the diagnosing appender sees it: every event goes straight to it, but
 * stopping this wrapper leaves it running. The diagnosing appender stops the appenders it wraps when it stops (as
 * Logback's {@code AsyncAppender} does); the starter borrowed them from the root logger and, when the application
 * context closes, gives them back running, after the diagnosing appender has drained into them.
 */
final class BorrowedAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private final Appender<ILoggingEvent> owner;

  BorrowedAppender(Appender<ILoggingEvent> owner) {
    this.owner = owner;
    setName(owner.getName());
    setContext(owner.getContext());
  }

  Appender<ILoggingEvent> owner() {
    return owner;
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
