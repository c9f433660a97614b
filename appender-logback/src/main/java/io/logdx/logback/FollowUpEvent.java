package io.logdx.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * The event that carries a late diagnosis: same logger, level, thread name, logger context and MDC as the
 * original event (so that trace ids still correlate), a fixed message, no throwable (the trace was written with
 * the original), the diagnosis fields with {@code diagnosis.event_id}, and the time it was written.
 */
final class FollowUpEvent implements ILoggingEvent {
  private static final StackTraceElement[] NO_CALLER_DATA = new StackTraceElement[0];

  private final ILoggingEvent original;
  private final String message;
  private final Instant instant;
  private final Map<String, String> mdc;
  private final List<KeyValuePair> keyValuePairs;

  private FollowUpEvent(ILoggingEvent original, String message, Map<String, String> mdc,
      List<KeyValuePair> keyValuePairs) {
    this.original = original;
    this.message = message;
    this.instant = Instant.now();
    this.mdc = mdc;
    this.keyValuePairs = keyValuePairs;
  }

  static FollowUpEvent of(ILoggingEvent original, String message, Map<String, String> fields, boolean toMdc,
      boolean toKeyValuePairs) {
    Map<String, String> mdc = toMdc ? DiagnosedEvent.mergeMdc(original.getMDCPropertyMap(), fields)
        : original.getMDCPropertyMap();
    List<KeyValuePair> kvp = toKeyValuePairs ? DiagnosedEvent.mergePairs(null, fields) : null;
    return new FollowUpEvent(original, message, mdc, kvp);
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
    return null;
  }

  @Override
  public Map<String, String> getMDCPropertyMap() {
    return mdc;
  }

  @Override
  @Deprecated
  public Map<String, String> getMdc() {
    return mdc;
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
    return keyValuePairs;
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
