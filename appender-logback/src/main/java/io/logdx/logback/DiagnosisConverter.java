package io.logdx.logback;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.logdx.core.DiagnosisFields;

/**
 * {@code %diagnosis}: the one-line summary of an event's diagnosis ({@code type=...; cause=...; at=...}),
 * {@code status=<status>} for an event that got no complete diagnosis (pending, overflow, refused, skipped, error),
 * or nothing for an event without one ({@link DiagnosisFields#line}, as Log4j2's {@code %diagnosis}). Register it
 * in {@code logback.xml}:
 *
 * <pre>{@code
 * <conversionRule conversionWord="diagnosis" class="io.logdx.logback.DiagnosisConverter"/>
 * }</pre>
 *
 * <p>It reads the event's MDC view, then its key-value pairs, so it works on any event the
 * {@link DiagnosingAppender} handed on, with either {@link DiagnosingAppender#setAttachTo attachTo} setting.
 */
public class DiagnosisConverter extends ClassicConverter {
  /** Made by Logback's pattern layout for {@code %diagnosis}. */
  public DiagnosisConverter() {}

  @Override
  public String convert(ILoggingEvent event) {
    return DiagnosisFields.line(key -> DiagnosisFieldConverter.field(event, key));
  }
}
