package io.logdx.cli;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the time stamp at the start of a log line, in the layouts the command line reads (Logback, Log4j2,
 * Spring Boot, Hadoop, Tomcat, java.util.logging, time of day only). What a line is (a log event's start, a
 * frame, a header...) is {@link io.logdx.core.internal.LineClassifier}'s to say, the grammar the parser reads
 * traces with. Cheap checks come before regular expressions: nearly every line of a big log starts with a stamp.
 */
final class LogLines {
  /**
   * ISO-like: 2026-11-25 10:23:45,123 / 2026-11-25T10:23:45.123+09:00 (Logback, Log4j2, Spring Boot). Checked by
   * hand ({@link #isoStart}); this pattern is its specification, and tests hold the two to the same answers.
   */
  static final Pattern ISO =
      Pattern.compile(
          "^\\[?(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?");

  /** yy/MM/dd HH:mm:ss (Hadoop, Spark). */
  private static final Pattern SLASHED =
      Pattern.compile("^\\[?(\\d{2})/(\\d{2})/(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})");

  /** dd-MMM-yyyy HH:mm:ss.SSS (Tomcat's JULI). */
  private static final Pattern TOMCAT =
      Pattern.compile(
          "^\\[?(\\d{2})-([A-Z][a-z]{2})-(\\d{4}) (\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?");

  /** MMM d, yyyy h:mm:ss a (java.util.logging's SimpleFormatter): "Nov 25, 2026 10:23:45 AM". */
  private static final Pattern JUL =
      Pattern.compile(
          "^([A-Z][a-z]{2}) (\\d{1,2}), (\\d{4}) (\\d{1,2}):(\\d{2}):(\\d{2}) ([AP]M)\\b");

  /** HH:mm:ss.SSS with no date (Logback's default console pattern). */
  private static final Pattern TIME_ONLY =
      Pattern.compile("^\\[?(\\d{2}):(\\d{2}):(\\d{2})[.,](\\d{3})");

  private LogLines() {}

  /**
   * The time stamp at the start of a line, or {@code null}. Time-only stamps come back undated with the
   * milliseconds of the day; the caller counts day rollovers.
   */
  static LogTime time(String line) {
    if (line.isEmpty()) return null;
    char c = line.charAt(0) == '[' && line.length() > 1 ? line.charAt(1) : line.charAt(0);
    if (!Character.isDigit(c)) return julTime(line);
    try {
      int iso = isoStart(line);
      if (iso >= 0) return isoTime(line, iso);
      Matcher m = SLASHED.matcher(line);
      if (m.lookingAt()) {
        return dated(LocalDate.of(2000 + num(m, 1), num(m, 2), num(m, 3)), m, 4, -1);
      }
      m = TOMCAT.matcher(line);
      if (m.lookingAt()) {
        Month month = month(m.group(2));
        if (month == null) return null;
        return dated(LocalDate.of(num(m, 3), month, num(m, 1)), m, 4, 7);
      }
      m = TIME_ONLY.matcher(line);
      if (m.lookingAt()) {
        long ms = ((num(m, 1) * 60L + num(m, 2)) * 60L + num(m, 3)) * 1000L + num(m, 4);
        return ms < 86_400_000L ? new LogTime(ms, false) : null;
      }
    } catch (java.time.DateTimeException e) {
      return null; // digits in the shape of a date that are no date: not a time stamp
    }
    return null;
  }

  /**
   * Where the digits of an ISO stamp begin (0, or 1 after a '['), or -1 when the line does not start with
   * {@code yyyy-MM-dd[T ]HH:mm:ss}: the {@link #ISO} pattern checked by hand, since nearly every line of a big
   * log starts with one and the regex (run twice per line) cost more than the rest of the scan.
   */
  static int isoStart(String line) {
    int o = !line.isEmpty() && line.charAt(0) == '[' ? 1 : 0;
    if (line.length() < o + 19) return -1;
    if (!digits(line, o, 4)
        || line.charAt(o + 4) != '-'
        || !digits(line, o + 5, 2)
        || line.charAt(o + 7) != '-'
        || !digits(line, o + 8, 2)) {
      return -1;
    }
    char sep = line.charAt(o + 10);
    if (sep != 'T' && sep != ' ') return -1;
    if (!digits(line, o + 11, 2)
        || line.charAt(o + 13) != ':'
        || !digits(line, o + 14, 2)
        || line.charAt(o + 16) != ':'
        || !digits(line, o + 17, 2)) {
      return -1;
    }
    return o;
  }

  /** The time of a line {@link #isoStart} accepted; same result as the {@link #ISO} groups read by {@link #dated}. */
  static LogTime isoTime(String line, int o) {
    LocalDateTime t =
        LocalDate.of(number(line, o, 4), number(line, o + 5, 2), number(line, o + 8, 2))
            .atTime(number(line, o + 11, 2), number(line, o + 14, 2), number(line, o + 17, 2));
    long ms = t.toEpochSecond(ZoneOffset.UTC) * 1000L;
    int f = o + 19;
    int n = line.length();
    if (f + 1 < n
        && (line.charAt(f) == '.' || line.charAt(f) == ',')
        && isAsciiDigit(line.charAt(f + 1))) {
      // the first three of up to nine fraction digits, padded with zeros: milliseconds
      int millis = 0;
      boolean more = true;
      for (int i = 0; i < 3; i++) {
        int at = f + 1 + i;
        more = more && at < n && isAsciiDigit(line.charAt(at));
        millis = millis * 10 + (more ? line.charAt(at) - '0' : 0);
      }
      ms += millis;
    }
    return new LogTime(ms, true);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean digits(String line, int from, int count) {
    for (int i = from; i < from + count; i++) {
      if (!isAsciiDigit(line.charAt(i))) return false;
    }
    return true;
  }

  private static int number(String line, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) v = v * 10 + (line.charAt(i) - '0');
    return v;
  }

  private static LogTime julTime(String line) {
    Matcher m = JUL.matcher(line);
    if (!m.lookingAt()) return null;
    Month month = month(m.group(1));
    if (month == null) return null;
    try {
      int hour = num(m, 4) % 12 + ("PM".equals(m.group(7)) ? 12 : 0);
      LocalDateTime t =
          LocalDate.of(num(m, 3), month, num(m, 2)).atTime(hour, num(m, 5), num(m, 6));
      return new LogTime(t.toEpochSecond(ZoneOffset.UTC) * 1000L, true);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static LogTime dated(LocalDate date, Matcher m, int hourGroup, int fractionGroup) {
    LocalDateTime t = date.atTime(num(m, hourGroup), num(m, hourGroup + 1), num(m, hourGroup + 2));
    long ms = t.toEpochSecond(ZoneOffset.UTC) * 1000L;
    if (fractionGroup > 0 && m.group(fractionGroup) != null) {
      String f = (m.group(fractionGroup) + "00").substring(0, 3);
      ms += Integer.parseInt(f);
    }
    return new LogTime(ms, true);
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }

  private static Month month(String abbreviation) {
    for (Month mo : Month.values()) {
      String name = mo.name();
      if (name.charAt(0) == Character.toUpperCase(abbreviation.charAt(0))
          && name.substring(1, 3).equalsIgnoreCase(abbreviation.substring(1, 3))) {
        return mo;
      }
    }
    return null;
  }
}
