package io.logdx.log4j2.contract;

import io.logdx.contract.ProblemReportContract;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.ErrorHandler;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/**
 * The failing wrapped appender of the contract's scenario FAILING_SINK: {@code <ThrowingSink name="..."/>} throws on
 * every event. Log4j's own error handler is silenced, so that the status channel shows only what the diagnosing
 * appender reports.
 */
@Plugin(name = "ThrowingSink", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class ThrowingSink extends AbstractAppender {

  private ThrowingSink(String name) {
    super(name, null, null, false, Property.EMPTY_ARRAY);
    setHandler(
        new ErrorHandler() {
          @Override
          public void error(String msg) {}

          @Override
          public void error(String msg, Throwable t) {}

          @Override
          public void error(String msg, LogEvent event, Throwable t) {}
        });
  }

  /** Called by Log4j for {@code <ThrowingSink name="..."/>}. */
  @PluginFactory
  public static ThrowingSink create(@PluginAttribute("name") String name) {
    return new ThrowingSink(name);
  }

  @Override
  public void append(LogEvent event) {
    throw new IllegalStateException(ProblemReportContract.SINK_FAILURE);
  }
}
