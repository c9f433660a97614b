package io.logdx.log4j2;

import io.logdx.core.DiagnosisFields;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

/**
 * {@code %diagnosis} prints the one-line summary of an event's diagnosis ({@code type=<category>; cause=...;
 * at=<frame>}), {@code status=<status>} for an event that got no complete diagnosis (pending, overflow, refused,
 * skipped, error), and nothing for an event without one ({@link DiagnosisFields#line}, as Logback's
 * {@code %diagnosis}). {@code %dx{field}} prints one field, named with or without the {@code diagnosis.} prefix:
 * {@code %dx{category}}, {@code %dx{root_cause.type}}, {@code %dx{diagnosis.fingerprint}}; {@code %dx{field,default}}
 * prints the default when the event does not carry the field ({@code %dx{category,-}}).
 *
 * <p>The fields are those the {@code <Diagnosing>} appender put into the event's context data, so the converter
 * belongs in the layouts of the appenders it refers to.
 */
@Plugin(name = "DiagnosisPatternConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"diagnosis", "dx"})
public final class DiagnosisPatternConverter extends LogEventPatternConverter {
  private final String key;
  private final String missing;

  private DiagnosisPatternConverter(String key, String missing) {
    super("Diagnosis", "diagnosis");
    this.key = key;
    this.missing = missing;
  }

  /**
   * Called by Log4j's pattern parser.
   *
   * @param options the field name in braces and, after a comma, the default, if any
   */
  public static DiagnosisPatternConverter newInstance(String[] options) {
    if (options == null || options.length == 0 || options[0] == null || options[0].isBlank()) {
      return new DiagnosisPatternConverter(null, "");
    }
    String[] parts = options[0].split(",", 2);
    return new DiagnosisPatternConverter(
        DiagnosisFields.qualified(parts[0]), parts.length > 1 ? parts[1] : "");
  }

  @Override
  public void format(LogEvent event, StringBuilder toAppendTo) {
    ReadOnlyStringMap data = event.getContextData();
    if (key != null) {
      Object v = data == null ? null : data.getValue(key);
      toAppendTo.append(v != null ? v : missing);
      return;
    }
    if (data != null) {
      toAppendTo.append(
          DiagnosisFields.line(
              k -> {
                Object v = data.getValue(k);
                return v == null ? null : v.toString();
              }));
    }
  }
}
