package io.logdx.log4j2.contract;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/**
 * The slow wrapped appender of the contract's scenario SLOW_SINK: {@code <SlowSink name="..." micros="100"/>}
 * parks the delivering thread that many µs per event, as a remote appender waiting on its network does, so that
 * the dispatcher falls behind unpaced logging threads and the queue fills. Writes nothing.
 */
@Plugin(name = "SlowSink", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class SlowSink extends AbstractAppender {
  private final long nanos;

  private SlowSink(String name, long micros) {
    super(name, null, null, true, Property.EMPTY_ARRAY);
    this.nanos = TimeUnit.MICROSECONDS.toNanos(micros);
  }

  /** Called by Log4j for {@code <SlowSink name="..." micros="..."/>}. */
  @PluginFactory
  public static SlowSink create(
      @PluginAttribute("name") String name,
      @PluginAttribute(value = "micros", defaultLong = 100) long micros) {
    return new SlowSink(name, micros);
  }

  @Override
  public void append(LogEvent event) {
    LockSupport.parkNanos(nanos);
  }
}
