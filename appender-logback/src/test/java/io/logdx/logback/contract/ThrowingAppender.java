package io.logdx.logback.contract;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.logdx.contract.ProblemReportContract;

/**
 * The failing wrapped appender of the contract's scenario FAILING_SINK: it throws out of {@code doAppend}, past
 * Logback's own guard in {@link UnsynchronizedAppenderBase#doAppend}, as an appender written without that base does.
 */
public class ThrowingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  @Override
  public void doAppend(ILoggingEvent event) {
    throw new IllegalStateException(ProblemReportContract.SINK_FAILURE);
  }

  @Override
  protected void append(ILoggingEvent event) {
    // never reached: doAppend throws first
  }
}
