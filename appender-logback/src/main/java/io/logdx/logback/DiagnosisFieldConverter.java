package io.logdx.logback;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.logdx.core.DiagnosisFields;
import java.util.List;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * {@code %dx{field}}: one diagnosis field, named with or without its namespace ({@code %dx{category}} and
 * {@code %dx{diagnosis.category}} are the same), or nothing when the event does not carry it. A second option
 * is printed instead of nothing ({@code %dx{category,-}}). Register it in {@code logback.xml}:
 *
 * <pre>{@code
 * <conversionRule conversionWord="dx" class="io.logdx.logback.DiagnosisFieldConverter"/>
 * }</pre>
 *
 * <p>It reads the event's MDC view, then its key-value pairs, so it works with either
 * {@link DiagnosingAppender#setAttachTo attachTo} setting.
 */
public class DiagnosisFieldConverter extends ClassicConverter {
  /** Made by Logback's pattern layout for {@code %dx}. */
  public DiagnosisFieldConverter() {}

  private String key;
  private String missing = "";

  @Override
  public void start() {
    String field = getFirstOption();
    if (field == null || field.isBlank()) {
      addError("%dx needs a field name, e.g. %dx{category}");
      return;
    }
    key = DiagnosisFields.qualified(field);
    List<String> options = getOptionList();
    if (options != null && options.size() > 1 && options.get(1) != null) {
      missing = options.get(1);
    }
    super.start();
  }

  @Override
  public String convert(ILoggingEvent event) {
    String v = key == null ? null : field(event, key);
    return v == null ? missing : v;
  }

  /** A field of the event: from its MDC view, else from its key-value pairs; {@code null} when absent. */
  static String field(ILoggingEvent event, String key) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    String v = mdc == null ? null : mdc.get(key);
    if (v != null) return v;
    List<KeyValuePair> kvps = event.getKeyValuePairs();
    if (kvps != null) {
      for (KeyValuePair kv : kvps) {
        if (kv != null && key.equals(kv.key) && kv.value != null) return String.valueOf(kv.value);
      }
    }
    return null;
  }
}
