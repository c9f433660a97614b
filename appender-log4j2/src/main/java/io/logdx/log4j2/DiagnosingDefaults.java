package io.logdx.log4j2;

/**
 * JVM-wide defaults of the {@code <Diagnosing>} appender's attributes: each attribute can be given a default for the
 * whole JVM with a system property {@code logdx.log4j2.<attribute>} (for example {@code -Dlogdx.log4j2.queueSize=4096});
 * an attribute written in {@code log4j2.xml} wins over the property. A property is read like the attribute it stands
 * for: an unreadable value is reported to the StatusLogger and the built-in default used. The built-in defaults and
 * the accepted forms of each attribute are those of {@link io.logdx.core.pipeline.AppenderSettings} (durations as
 * {@code 50}, {@code 50ms}, {@code 2s}, {@code 1m} or {@code PT2S}; lists separated by commas and/or spaces), plus
 * {@code level} ({@value DiagnosingAppender#DEFAULT_LEVEL}) and {@code includeLocation} (false, as in Log4j2's
 * {@code AsyncAppender}).
 */
public final class DiagnosingDefaults {
  /** Prefix of the system properties: {@value}. */
  public static final String PROPERTY_PREFIX = "logdx.log4j2.";

  private DiagnosingDefaults() {}

  /** The JVM-wide default of an attribute, or {@code null} when no (non-blank) property is set. */
  static String property(String attribute) {
    try {
      String v = System.getProperty(PROPERTY_PREFIX + attribute);
      return v == null || v.isBlank() ? null : v.trim();
    } catch (SecurityException e) {
      return null;
    }
  }
}
