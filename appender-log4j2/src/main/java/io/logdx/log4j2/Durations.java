package io.logdx.log4j2;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Reads the durations of {@code log4j2.xml} attributes: {@code 250} (milliseconds), {@code 250ms}, {@code 2s}, {@code 1m}, {@code PT2S}. */
final class Durations {
  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException when the text is not a non-negative duration in one of the accepted forms
   */
  static Duration parse(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("empty duration");
    String t = text.trim().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (t.startsWith("pt") || t.startsWith("p")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      } else if (t.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      } else if (t.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      } else {
        d = Duration.ofMillis(Long.parseLong(t));
      }
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (write 250, 250ms, 2s, 1m or PT2S)");
    }
    if (d.isNegative()) throw new IllegalArgumentException("negative duration: '" + text + "'");
    return d;
  }
}
