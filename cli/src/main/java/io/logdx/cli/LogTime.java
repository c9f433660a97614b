package io.logdx.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * When a log line was written, as printed in the log: a local date-time without zone (the report shows what
 * the log shows), or only a time of day when the pattern has no date (Logback's default console pattern).
 *
 * @param epochMillis the printed local date-time read as if it were UTC (only used to order and bucket);
 *     for time-only stamps, milliseconds since the first day of the log (day rollovers counted)
 * @param dated false when the log printed no date
 */
record LogTime(long epochMillis, boolean dated) implements Comparable<LogTime> {
  private static final DateTimeFormatter DATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  /** {@code 2026-11-25 10:23:45}, or {@code 10:23:45} (with {@code +Nd} after a day rollover) when undated. */
  String format() {
    LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    if (dated) return DATED.format(t);
    long days = Math.floorDiv(epochMillis, 86_400_000L);
    return days == 0 ? TIME.format(t) : TIME.format(t) + " +" + days + "d";
  }

  @Override
  public int compareTo(LogTime o) {
    return Long.compare(epochMillis, o.epochMillis);
  }
}
