package io.logdx.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.internal.LineClassifier.Kind;
import org.junit.jupiter.api.Test;

/** What each kind of line is, as the parser and the command line's scanner both read it. */
class LineClassifierTest {

  @Test
  void tellsTheLinesOfATraceApart() {
    assertThat(LineClassifier.kind("\tat com.acme.A.b(A.java:1)")).isEqualTo(Kind.FRAME);
    assertThat(LineClassifier.kind("\tat java.base/java.lang.Thread.run(Thread.java:833) ~[?:?]"))
        .isEqualTo(Kind.FRAME);
    assertThat(LineClassifier.kind("at com.acme.A.b(A.java:1)")).isEqualTo(Kind.FRAME);
    assertThat(LineClassifier.kind("  at  ")).isEqualTo(Kind.BARE_AT);
    assertThat(LineClassifier.kind("com.acme.A.b(A.java:1)", Kind.BARE_AT)).isEqualTo(Kind.FRAME);
    assertThat(LineClassifier.kind("com.acme.A.b(A.java:1)")).isEqualTo(Kind.OTHER);
    assertThat(LineClassifier.kind("\tat <<<guice>>>")).isEqualTo(Kind.FRAME_LIKE);
    assertThat(LineClassifier.kind("at the end of the day (maybe)")).isEqualTo(Kind.FRAME_LIKE);
    assertThat(LineClassifier.kind("\t... 12 more")).isEqualTo(Kind.MORE);
    assertThat(LineClassifier.kind("\t... 12 common frames omitted")).isEqualTo(Kind.MORE);
    assertThat(LineClassifier.kind("Caused by: java.net.ConnectException: refused"))
        .isEqualTo(Kind.CAUSE);
    assertThat(LineClassifier.kind("Root cause: java.sql.SQLException: x")).isEqualTo(Kind.CAUSE);
    assertThat(LineClassifier.kind("Likely root cause: java.nio.file.NoSuchFileException: /x"))
        .isEqualTo(Kind.CAUSE);
    assertThat(LineClassifier.kind("\tSuppressed: java.io.IOException: x"))
        .isEqualTo(Kind.SUPPRESSED);
    assertThat(LineClassifier.kind("Wrapped by: java.io.UncheckedIOException: x"))
        .isEqualTo(Kind.WRAPPED);
    assertThat(LineClassifier.kind("Caused by: [CIRCULAR REFERENCE: java.io.IOException: x]"))
        .isEqualTo(Kind.CIRCULAR);
    assertThat(LineClassifier.kind("   ")).isEqualTo(Kind.BLANK);
  }

  @Test
  void tellsHeadersAndLogLinesFromText() {
    assertThat(LineClassifier.kind("java.lang.IllegalStateException: closed"))
        .isEqualTo(Kind.HEADER);
    assertThat(LineClassifier.kind("org.apache.hadoop.ipc.RemoteException(java.io.IOException): x"))
        .isEqualTo(Kind.HEADER);
    assertThat(LineClassifier.kind("RemoteTransportException[[node][index]]"))
        .isEqualTo(Kind.HEADER);
    assertThat(LineClassifier.kind("com.acme.Logger: java.io.IOException: boom"))
        .isEqualTo(Kind.OTHER);
    for (String line :
        new String[] {
          "2026-11-25 10:00:00.000 ERROR [main] x - y",
          "2026-11-25T10:00:00.000+09:00 ERROR 1",
          "10:00:00.000 [main] ERROR x",
          "26/11/25 10:00:00 ERROR x",
          "081109 203615 148 INFO dfs.DataNode: x",
          "Nov 25 10:00:00 host app[1]: x",
          "ERROR: x",
          "25-Nov-2026 10:23:45.123 SEVERE [main] x",
          "Nov 25, 2026 10:23:45 AM com.acme.Job run",
          "[WARN] x"
        }) {
      assertThat(LineClassifier.kind(line)).as(line).isEqualTo(Kind.LOG_LINE);
    }
    assertThat(LineClassifier.kind("Exception in thread \"main\" java.lang.Error: x"))
        .isEqualTo(Kind.OTHER);
    assertThat(LineClassifier.namesException("Exception in thread \"main\" java.lang.Error: x"))
        .isTrue();
    assertThat(
            LineClassifier.namesException(
                "2026-11-25 WARN x - call failed: java.net.ConnectException: refused"))
        .isTrue();
    assertThat(LineClassifier.namesException("handled IllegalStateException count=0")).isFalse();
    assertThat(LineClassifier.namesException("ErrorController registered, 0 errors so far"))
        .isFalse();
  }

  @Test
  void readsADecorationOffAFrameLineAndRemovesIt() {
    assertThat(LineClassifier.decoration("    [junit] \tat com.acme.A.b(A.java:1)"))
        .isEqualTo("[junit]");
    assertThat(LineClassifier.decoration("  160         at com.acme.A.b(A.java:1)")).isEqualTo("0");
    assertThat(LineClassifier.decoration("\tat com.acme.A.b(A.java:1)")).isNull();
    assertThat(LineClassifier.decoration("nothing here")).isNull();
    assertThat(LineClassifier.strip("  161 java.io.IOException: x", "0"))
        .isEqualTo(" java.io.IOException: x");
    assertThat(LineClassifier.strip("java.io.IOException: x", "0"))
        .isEqualTo("java.io.IOException: x");
    assertThat(
            LineClassifier.kind(
                LineClassifier.normalizeSpaces("\u2002\u2002at com.acme.A.b(A.java:1)")))
        .isEqualTo(Kind.FRAME);
  }
}
