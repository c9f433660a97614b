package io.logdx.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * The event that carries a late diagnosis (see {@link io.logdx.core.pipeline.AppenderCore.Frame#followUp}): same
 * logger, level, thread name, logger context and MDC as the original event (so that trace ids still correlate),
 * the marker {@value io.logdx.core.pipeline.AppenderCore#FOLLOW_UP_MARKER}, the given message, no throwable (the
 * trace was written with the original), and the time it was written. The diagnosis fields are added as to any
 * event, by {@link DiagnosedEvent}.
 */
final class FollowUpEvent implements ILoggingEvent {
  private static final StackTraceElement[] NO_CALLER_DATA = new StackTraceElement[0];
  private static final List<Marker> MARKERS =
      List.of(MarkerFactory.getMarker(io.logdx.core.pipeline.AppenderCore.FOLLOW_UP_MARKER));

  private final ILoggingEvent original;
  private final String message;
  private final Instant instant;

  FollowUpEvent(ILoggingEvent original, String message) {
    this.original = original;
    this.message = message;
    this.instant = Instant.now();
  }

  @Override
  public String getThreadName() {
    return original.getThreadName();
  }

  @Override
  public Level getLevel() {
    return original.getLevel();
  }

  @Override
  public String getMessage() {
    return message;
  }

  @Override
  public Object[] getArgumentArray() {
    return null;
  }

  @Override
  public String getFormattedMessage() {
    return message;
  }

  @Override
  public String getLoggerName() {
    return original.getLoggerName();
  }

  @Override
  public LoggerContextVO getLoggerContextVO() {
    return original.getLoggerContextVO();
  }

  @Override
  public IThrowableProxy getThrowableProxy() {
    return null;
  }

  @Override
  public StackTraceElement[] getCallerData() {
    return NO_CALLER_DATA;
  }

  @Override
  public boolean hasCallerData() {
    return false;
  }

  @Override
  public List<Marker> getMarkerList() {
    return MARKERS;
  }

  @Override
  public Map<String, String> getMDCPropertyMap() {
    return original.getMDCPropertyMap();
  }

  @Override
  @Deprecated
  public Map<String, String> getMdc() {
    return original.getMDCPropertyMap();
  }

  @Override
  public long getTimeStamp() {
    return instant.toEpochMilli();
  }

  @Override
  public int getNanoseconds() {
    return instant.getNano();
  }

  @Override
  public Instant getInstant() {
    return instant;
  }

  @Override
  public long getSequenceNumber() {
    return 0;
  }

  @Override
  public List<KeyValuePair> getKeyValuePairs() {
    return null;
  }

  @Override
  public void prepareForDeferredProcessing() {
    // everything is fixed at construction
  }

  @Override
  public String toString() {
    return "[" + getLevel() + "] " + message;
  }
}
