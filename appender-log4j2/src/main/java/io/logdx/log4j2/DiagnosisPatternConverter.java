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
 * at=<frame>}), or {@code status=<status>} when there is no summary (pending, overflow, skipped); {@code %dx{field}}
 * prints one field, named with or without the {@code diagnosis.} prefix: {@code %dx{category}},
 * {@code %dx{root_cause.type}}, {@code %dx{diagnosis.fingerprint}}. Events without a diagnosis print nothing.
 *
 * <p>The fields are those the {@code <Diagnosing>} appender put into the event's context data, so the converter
 * belongs in the layouts of the appenders it refers to.
 */
@Plugin(name = "DiagnosisPatternConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"diagnosis", "dx"})
public final class DiagnosisPatternConverter extends LogEventPatternConverter {
  private final String key;

  private DiagnosisPatternConverter(String key) {
    super("Diagnosis", "diagnosis");
    this.key = key;
  }

  /**
   * Called by Log4j's pattern parser.
   *
   * @param options the field name in braces, if any
   */
  public static DiagnosisPatternConverter newInstance(String[] options) {
    if (options == null || options.length == 0 || options[0] == null || options[0].isBlank()) {
      return new DiagnosisPatternConverter(null);
    }
    String o = options[0].trim();
    return new DiagnosisPatternConverter(o.startsWith(DiagnosisFields.NAMESPACE + ".") ? o : DiagnosisFields.NAMESPACE + "." + o);
  }

  @Override
  public void format(LogEvent event, StringBuilder toAppendTo) {
    ReadOnlyStringMap data = event.getContextData();
    if (data == null) return;
    if (key != null) {
      Object v = data.getValue(key);
      if (v != null) toAppendTo.append(v);
      return;
    }
    Object summary = data.getValue(DiagnosisFields.SUMMARY);
    if (summary != null) {
      toAppendTo.append(summary);
      return;
    }
    Object status = data.getValue(DiagnosisFields.STATUS);
    if (status != null) toAppendTo.append("status=").append(status);
  }
}
