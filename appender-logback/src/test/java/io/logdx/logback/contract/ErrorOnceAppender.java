package io.logdx.logback.contract;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.logdx.contract.WrappedAppenderErrorContract;

/**
 * The failing wrapped appender of the contract's scenario FAILING_ONCE: for an event whose message contains
 * {@link WrappedAppenderErrorContract#TRIGGER} it throws the {@code Error} named by {@code <errorType>}; every other
 * event it takes without a word. Logback's own guard in {@link UnsynchronizedAppenderBase#doAppend} catches
 * {@code Exception} only, so the error reaches whoever called the appender, as a real encoder's
 * {@code StackOverflowError} does.
 */
public class ErrorOnceAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private String error = "AssertionError";

  /**
   * {@code StackOverflowError}, {@code AssertionError} or {@code OutOfMemoryError}. Not {@code setError}: Joran
   * would call {@code addError(String)} of the appender's base for an {@code <error>} element instead.
   */
  public void setErrorType(String error) {
    this.error = error;
  }

  @Override
  public void start() {
    WrappedAppenderErrorContract.syntheticError(
        error); // an unknown name fails here, at configuration
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getFormattedMessage().contains(WrappedAppenderErrorContract.TRIGGER)) {
      throw WrappedAppenderErrorContract.syntheticError(error);
    }
  }
}
