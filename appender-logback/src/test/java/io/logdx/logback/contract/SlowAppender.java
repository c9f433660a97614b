package io.logdx.logback.contract;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The slow wrapped appender of the contract's scenario SLOW_SINK: parks the delivering thread {@code <micros>} µs
 * per event, as a remote appender waiting on its network does, so that the dispatcher falls behind unpaced
 * logging threads and the queue fills. Writes nothing.
 */
public class SlowAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private long micros = 100;

  public void setMicros(long micros) {
    this.micros = micros;
  }

  @Override
  protected void append(ILoggingEvent event) {
    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros));
  }
}
