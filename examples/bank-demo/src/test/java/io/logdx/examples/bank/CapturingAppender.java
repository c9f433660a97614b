package io.logdx.examples.bank;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * A ListAppender that freezes each event as it arrives: Logback reads the MDC of an event lazily, so without
 * this the scenario key would be looked up when the test reads the list, long after the MDC was cleared.
 */
public class CapturingAppender extends ListAppender<ILoggingEvent> {
  @Override
  protected void append(ILoggingEvent e) {
    e.prepareForDeferredProcessing();
    super.append(e);
  }
}
