package io.logdx.benchmarks;

import io.logdx.core.DiagnosisFields;
import io.logdx.core.pipeline.AppenderCore;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/**
 * The storm's wrapped appender on Log4j2 ({@code <StormCounting name="count"/>}): counts what arrives, by
 * {@code diagnosis.status}, into the counters of {@link CountingAppender}, so that both frameworks' storms are
 * counted by the same code.
 */
@Plugin(
    name = "StormCounting",
    category = Core.CATEGORY_NAME,
    elementType = Appender.ELEMENT_TYPE,
    printObject = true)
public final class Log4j2CountingAppender extends AbstractAppender {

  private Log4j2CountingAppender(String name) {
    super(name, null, null, true, Property.EMPTY_ARRAY);
  }

  /**
   * Makes the appender from {@code <StormCounting>}.
   *
   * @param name the appender's name
   * @return the appender
   */
  @PluginFactory
  public static Log4j2CountingAppender create(@PluginAttribute("name") String name) {
    return new Log4j2CountingAppender(name == null ? "count" : name);
  }

  @Override
  public void append(LogEvent e) {
    // a follow-up (a late diagnosis written as its own event) is no logged event: counted apart
    boolean followUp =
        e.getMessage().getFormattedMessage().startsWith(AppenderCore.FOLLOW_UP_MESSAGE);
    String status = e.getContextData().getValue(DiagnosisFields.STATUS);
    Throwable t = e.getThrown();
    CountingAppender.record(
        followUp ? "follow-up" : status == null ? "none" : status,
        followUp || t == null ? null : t.getMessage());
  }
}
