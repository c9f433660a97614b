package io.logdx.log4j2.contract;

import io.logdx.contract.WrappedAppenderErrorContract;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/**
 * The failing wrapped appender of the contract's scenario FAILING_ONCE:
 * {@code <ErrorOnceSink name="..." errorType="StackOverflowError"/>} throws that {@code Error} for an event whose
 * message contains {@link WrappedAppenderErrorContract#TRIGGER}, and takes every other event without a word. It
 * keeps what a real appender has: {@code ignoreExceptions} true unless the XML says otherwise, and Log4j's default
 * error handler (which Log4j's {@code AppenderControl} tells of the error, and which reports it on the StatusLogger
 * under its own name, not the diagnosing appender's).
 */
@Plugin(name = "ErrorOnceSink", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class ErrorOnceSink extends AbstractAppender {
  private final String error;

  private ErrorOnceSink(String name, String error, boolean ignoreExceptions) {
    super(name, null, null, ignoreExceptions, Property.EMPTY_ARRAY);
    this.error = error;
  }

  /** Called by Log4j for {@code <ErrorOnceSink name="..." errorType="..."/>}. */
  @PluginFactory
  public static ErrorOnceSink create(
      @PluginAttribute("name") String name,
      @PluginAttribute(value = "errorType", defaultString = "AssertionError") String error,
      @PluginAttribute(value = "ignoreExceptions", defaultBoolean = true)
          boolean ignoreExceptions) {
    WrappedAppenderErrorContract.syntheticError(
        error); // an unknown name fails here, at configuration
    return new ErrorOnceSink(name, error, ignoreExceptions);
  }

  @Override
  public void append(LogEvent event) {
    if (event.getMessage().getFormattedMessage().contains(WrappedAppenderErrorContract.TRIGGER)) {
      throw WrappedAppenderErrorContract.syntheticError(error);
    }
  }
}
