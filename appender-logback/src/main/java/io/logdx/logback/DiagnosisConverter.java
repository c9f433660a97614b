package io.logdx.logback;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.logdx.core.DiagnosisFields;
import java.util.Map;

/**
 * {@code %diagnosis}: the one-line summary of an event's diagnosis ({@code type=...; cause=...; at=...}), or
 * nothing for events without one (no throwable, pending, skipped). Register it in {@code logback.xml}:
 *
 * <pre>{@code
 * <conversionRule conversionWord="diagnosis" class="io.logdx.logback.DiagnosisConverter"/>
 * }</pre>
 *
 * <p>It reads the event's MDC view, so it works on any event the {@link DiagnosingAppender} handed on.
 */
public class DiagnosisConverter extends ClassicConverter {
  /** Made by Logback's pattern layout for {@code %diagnosis}. */
  public DiagnosisConverter() {}

  @Override
  public String convert(ILoggingEvent event) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    String s = mdc == null ? null : mdc.get(DiagnosisFields.SUMMARY);
    return s == null ? "" : s;
  }
}
