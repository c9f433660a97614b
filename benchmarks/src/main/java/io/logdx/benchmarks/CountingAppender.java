package io.logdx.benchmarks;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.logdx.core.DiagnosisFields;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The storm's wrapped appender: counts what arrives, by {@code diagnosis.status}. */
public class CountingAppender extends AppenderBase<ILoggingEvent> {
  static final Map<String, LongAdder> BY_STATUS = new ConcurrentHashMap<>();

  static void reset() {
    BY_STATUS.clear();
  }

  static long count(String status) {
    LongAdder a = BY_STATUS.get(status);
    return a == null ? 0 : a.sum();
  }

  static long total() {
    return BY_STATUS.values().stream().mapToLong(LongAdder::sum).sum();
  }

  @Override
  protected void append(ILoggingEvent e) {
    // a follow-up (a late diagnosis written as its own event) is no logged event: counted apart
    String status = e.getMessage().startsWith("logdx diagnosis for earlier event") ? "follow-up"
        : e.getMDCPropertyMap().getOrDefault(DiagnosisFields.STATUS, "none");
    BY_STATUS.computeIfAbsent(status, k -> new LongAdder()).increment();
  }
}
