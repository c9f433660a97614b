package io.logdx.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * The event as logged (or a {@link FollowUpEvent}), seen with the diagnosis fields added: {@link #getMDCPropertyMap()} returns the original
 * MDC plus the fields, {@link #getKeyValuePairs()} the original pairs plus the fields (each as configured).
 * Logback's event MDC is immutable, hence a view rather than a change. Everything else is the original's.
 */
final class DiagnosedEvent implements ILoggingEvent {
  private final ILoggingEvent event;
  private final Map<String, String> mdc;
  private final List<KeyValuePair> keyValuePairs;

  DiagnosedEvent(
      ILoggingEvent event, Map<String, String> fields, boolean toMdc, boolean toKeyValuePairs) {
    this.event = event;
    this.mdc = toMdc ? mergeMdc(event.getMDCPropertyMap(), fields) : event.getMDCPropertyMap();
    this.keyValuePairs =
        toKeyValuePairs ? mergePairs(event.getKeyValuePairs(), fields) : event.getKeyValuePairs();
  }

  private static Map<String, String> mergeMdc(
      Map<String, String> original, Map<String, String> fields) {
    // the common case (no MDC of the application's own): the fields, immutable and made for this
    // event, are the view
    if (original == null || original.isEmpty()) return fields;
    Map<String, String> m = new LinkedHashMap<>(original.size() + fields.size() + 1, 1f);
    m.putAll(original);
    m.putAll(fields);
    return Collections.unmodifiableMap(m);
  }

  private static List<KeyValuePair> mergePairs(
      List<KeyValuePair> original, Map<String, String> fields) {
    List<KeyValuePair> l =
        new ArrayList<>((original == null ? 0 : original.size()) + fields.size());
    if (original != null) {
      for (KeyValuePair kv : original) {
        // a pair the application logged under a diagnosis name would otherwise appear twice
        if (kv != null && !fields.containsKey(kv.key)) l.add(kv);
      }
    }
    fields.forEach((k, v) -> l.add(new KeyValuePair(k, v)));
    return Collections.unmodifiableList(l);
  }

  /** The event as it was logged. */
  ILoggingEvent original() {
    return event;
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
  public List<KeyValuePair> getKeyValuePairs() {
    return keyValuePairs;
  }

  @Override
  public String getThreadName() {
    return event.getThreadName();
  }

  @Override
  public Level getLevel() {
    return event.getLevel();
  }

  @Override
  public String getMessage() {
    return event.getMessage();
  }

  @Override
  public Object[] getArgumentArray() {
    return event.getArgumentArray();
  }

  @Override
  public String getFormattedMessage() {
    return event.getFormattedMessage();
  }

  @Override
  public String getLoggerName() {
    return event.getLoggerName();
  }

  @Override
  public LoggerContextVO getLoggerContextVO() {
    return event.getLoggerContextVO();
  }

  @Override
  public IThrowableProxy getThrowableProxy() {
    return event.getThrowableProxy();
  }

  @Override
  public StackTraceElement[] getCallerData() {
    return event.getCallerData();
  }

  @Override
  public boolean hasCallerData() {
    return event.hasCallerData();
  }

  @Override
  @Deprecated
  public Marker getMarker() {
    return event.getMarker();
  }

  @Override
  public List<Marker> getMarkerList() {
    return event.getMarkerList();
  }

  @Override
  public long getTimeStamp() {
    return event.getTimeStamp();
  }

  @Override
  public int getNanoseconds() {
    return event.getNanoseconds();
  }

  @Override
  public Instant getInstant() {
    return event.getInstant();
  }

  @Override
  public long getSequenceNumber() {
    return event.getSequenceNumber();
  }

  @Override
  public void prepareForDeferredProcessing() {
    event.prepareForDeferredProcessing();
  }

  @Override
  public String toString() {
    return event.toString();
  }
}
