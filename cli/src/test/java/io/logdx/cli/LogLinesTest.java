package io.logdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The hand-written fast paths of the scan against the definitions they replace. */
class LogLinesTest {

  /** The time the ISO pattern's groups give, as the regex path read them; null when the date is no date. */
  private static LogTime byRegex(Matcher m) {
    try {
      long ms =
          LocalDate.of(
                      Integer.parseInt(m.group(1)),
                      Integer.parseInt(m.group(2)),
                      Integer.parseInt(m.group(3)))
                  .atTime(
                      Integer.parseInt(m.group(4)),
                      Integer.parseInt(m.group(5)),
                      Integer.parseInt(m.group(6)))
                  .toEpochSecond(ZoneOffset.UTC)
              * 1000L;
      if (m.group(7) != null) ms += Integer.parseInt((m.group(7) + "00").substring(0, 3));
      return new LogTime(ms, true);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  @Test
  void isoStampCheckedByHandAgreesWithThePattern() {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "2026-11-25 10:23:45,123 INFO x",
                "2026-11-25T10:23:45.123+09:00 x",
                "[2026-11-25 10:23:45] x",
                "2026-11-25 10:23:45",
                "2026-11-25 10:23:45.",
                "2026-11-25 10:23:45.5x7",
                "2026-11-25 10:23:45,1234567891",
                "2026-11-25 10:23:4",
                "2026-11-25X10:23:45",
                "2026-13-45 10:00:00.000 x",
                "2026-02-29 10:00:00 x",
                "2026-11-25 25:61:61.000 x",
                "[[2026-11-25 10:23:45",
                "٢٠٢٦-11-25 10:23:45",
                "",
                "[",
                "2026-11-25 10:23:45 .1"));
    SplittableRandom r = new SplittableRandom(3);
    String alphabet = "0123456789-: T.,[x٣";
    for (int i = 0; i < 20_000; i++) {
      char[] c = "[2026-11-25 10:23:45.123456 x".toCharArray();
      for (int k = r.nextInt(4); k > 0; k--)
        c[r.nextInt(c.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
      String s = new String(c);
      lines.add(s);
      lines.add(s.substring(r.nextInt(s.length())));
      lines.add(s.substring(0, r.nextInt(s.length())));
    }
    for (String line : lines) {
      Matcher m = LogLines.ISO.matcher(line);
      boolean matches = m.lookingAt();
      int start = LogLines.isoStart(line);
      assertThat(start >= 0).as(line).isEqualTo(matches);
      if (matches) {
        LogTime expected = byRegex(m);
        LogTime actual;
        try {
          actual = LogLines.isoTime(line, start);
        } catch (java.time.DateTimeException e) {
          actual = null;
        }
        assertThat(actual).as(line).isEqualTo(expected);
        assertThat(LogLines.time(line)).as(line).isEqualTo(expected);
      }
    }
  }

  @Test
  void readsLinesAcrossBufferBoundariesLikeBufferedReader() throws IOException {
    StringBuilder sb = new StringBuilder();
    SplittableRandom r = new SplittableRandom(7);
    String[] ends = {"\n", "\r\n", "\r"};
    while (sb.length() < 400_000) {
      int len = r.nextInt(3) == 0 ? r.nextInt(70_000) : r.nextInt(120);
      for (int i = 0; i < len; i++)
        sb.append(r.nextInt(10) == 0 ? '한' : (char) ('a' + r.nextInt(26)));
      sb.append(ends[r.nextInt(ends.length)]);
    }
    String text = sb.toString();
    List<String> expected = new ArrayList<>();
    try (java.io.BufferedReader br = new java.io.BufferedReader(new StringReader(text))) {
      String line;
      while ((line = br.readLine()) != null) expected.add(line);
    }
    List<String> actual = new ArrayList<>();
    List<Boolean> cut = new ArrayList<>();
    try (BoundedLineReader br = new BoundedLineReader(new StringReader(text), 64 * 1024)) {
      String line;
      while ((line = br.readLine()) != null) {
        actual.add(line);
        cut.add(br.lastLineCut());
        assertThat(br.lineNumber()).isEqualTo(actual.size());
      }
    }
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      String e = expected.get(i);
      assertThat(actual.get(i)).isEqualTo(e.length() > 64 * 1024 ? e.substring(0, 64 * 1024) : e);
      assertThat(cut.get(i)).isEqualTo(e.length() > 64 * 1024);
    }
  }
}
