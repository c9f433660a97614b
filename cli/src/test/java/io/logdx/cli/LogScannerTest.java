package io.logdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogScannerTest {

  private static List<LogScanner.Block> scan(String text) throws IOException {
    List<LogScanner.Block> blocks = new ArrayList<>();
    LogScanner s = new LogScanner("test.log", blocks::add, 128 * 1024);
    try (BoundedLineReader r = new BoundedLineReader(new StringReader(text), 64 * 1024)) {
      String line;
      while ((line = r.readLine()) != null) s.line(line);
    }
    s.finish();
    return blocks;
  }

  private static String printed(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  private static Exception thrown(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("did not throw");
  }

  @Test
  void findsBackToBackPrintStackTraceOutputWithoutTimeStamps() throws IOException {
    Exception a = thrown(() -> Integer.parseInt("abc"));
    Exception b = new IllegalStateException("outer", thrown(() -> List.of().get(3)));
    String text = "starting\n" + printed(a) + printed(b) + "done\n";
    List<LogScanner.Block> blocks = scan(text);
    assertThat(blocks).hasSize(2);
    assertThat(blocks.get(0).text())
        .startsWith("java.lang.NumberFormatException: For input string: \"abc\"")
        .doesNotContain("starting")
        .doesNotContain("IllegalStateException");
    assertThat(blocks.get(0).line()).isEqualTo(2);
    assertThat(blocks.get(1).text())
        .startsWith("java.lang.IllegalStateException: outer")
        .contains("Caused by: java.lang.ArrayIndexOutOfBoundsException")
        .doesNotContain("done");
    assertThat(blocks.get(1).time()).isNull();
  }

  @Test
  void keepsTheLogLineAndMultiLineMessagesWithTheirTrace() throws IOException {
    String text =
        """
        2026-11-25 10:00:00.000 INFO  [main] c.a.App - up
        2026-11-25 10:00:01.250 ERROR [main] c.a.Repo - query failed
        org.h2.jdbc.JdbcSQLSyntaxErrorException: Table "ACCOUNTS" not found; SQL statement:
        select * from accounts where id = ? [42102-224]
        \tat org.h2.message.DbException.getJdbcSQLException(DbException.java:514)
        \tat com.acme.Repo.find(Repo.java:12)
        2026-11-25 10:00:02.000 INFO  [main] c.a.App - next
        """;
    List<LogScanner.Block> blocks = scan(text);
    assertThat(blocks).hasSize(1);
    LogScanner.Block b = blocks.get(0);
    assertThat(b.line()).isEqualTo(2);
    assertThat(b.text())
        .startsWith("2026-11-25 10:00:01.250 ERROR")
        .contains("select * from accounts")
        .endsWith("at com.acme.Repo.find(Repo.java:12)");
    assertThat(b.time().format()).isEqualTo("2026-11-25 10:00:01");
    assertThat(b.time().dated()).isTrue();
  }

  @Test
  void findsSingleLineFailuresButNotOrdinaryLines() throws IOException {
    String text =
        """
        2026-11-25 10:00:00,000 INFO  c.a.App - ErrorController registered, 0 errors so far
        2026-11-25 10:00:01,000 WARN  c.a.Ledger - call failed: java.net.ConnectException: Connection refused
        2026-11-25 10:00:02,000 INFO  c.a.App - handled IllegalStateException count=0
        [ERROR] 2026-11-25 job aborted java.io.IOException: No space left on device
        """;
    List<LogScanner.Block> blocks = scan(text);
    assertThat(blocks).extracting(LogScanner.Block::line).containsExactly(2L, 4L);
    assertThat(blocks.get(0).text()).endsWith("java.net.ConnectException: Connection refused");
  }

  @Test
  void unwrapsContainerRuntimeLines() throws IOException {
    String cri =
        """
        2026-11-25T10:00:00.123456789Z stdout F 2026-11-25 10:00:00.120 ERROR [main] c.a.Job - failed
        2026-11-25T10:00:00.123456789Z stdout F java.lang.IllegalStateException: pool closed
        2026-11-25T10:00:00.123456789Z stdout F \tat com.acme.Job.run(Job.java:12)
        2026-11-25T10:00:01.000000000Z stdout F 2026-11-25 10:00:01.000 INFO  [main] c.a.Job - next
        """;
    assertThat(scan(cri))
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.text())
                  .isEqualTo(
                      "2026-11-25 10:00:00.120 ERROR [main] c.a.Job - failed\n"
                          + "java.lang.IllegalStateException: pool closed\n\tat com.acme.Job.run(Job.java:12)");
              assertThat(b.time().format()).isEqualTo("2026-11-25 10:00:00");
            });
    String docker =
        """
        {"log":"2026-11-25 10:00:00.120 ERROR [main] c.a.Job - failed\\n","stream":"stdout","time":"2026-11-25T10:00:00.1Z"}
        {"log":"java.lang.IllegalStateException: pool closed\\n","stream":"stdout","time":"2026-11-25T10:00:00.1Z"}
        {"log":"\\tat com.acme.Job.run(Job.java:12)\\n","stream":"stdout","time":"2026-11-25T10:00:00.1Z"}
        """;
    assertThat(scan(docker))
        .singleElement()
        .satisfies(
            b ->
                assertThat(b.text())
                    .endsWith(
                        "java.lang.IllegalStateException: pool closed\n\tat com.acme.Job.run(Job.java:12)"));
  }

  @Test
  void readsJsonLogLines() throws IOException {
    String json =
        """
        {"@timestamp":"2026-11-25T10:00:00.123+09:00","level":"INFO","message":"up"}
        {"@timestamp":"2026-11-25T10:00:01.500+09:00","level":"ERROR","message":"failed","stack_trace":"java.lang.IllegalStateException: closed\\n\\tat com.acme.Job.run(Job.java:12)\\n"}
        {"timeMillis":1795600000000,"level":"WARN","message":"call failed: java.net.ConnectException: Connection refused"}
        {"@timestamp":"2026-11-25T10:00:02Z","message":"not json at all"
        """;
    List<LogScanner.Block> blocks = scan(json);
    assertThat(blocks).hasSize(2);
    assertThat(blocks.get(0).text())
        .isEqualTo(
            "failed\njava.lang.IllegalStateException: closed\n\tat com.acme.Job.run(Job.java:12)");
    assertThat(blocks.get(0).time().format()).isEqualTo("2026-11-25 10:00:01");
    assertThat(blocks.get(0).line()).isEqualTo(2);
    assertThat(blocks.get(1).text())
        .isEqualTo("call failed: java.net.ConnectException: Connection refused");
    assertThat(blocks.get(1).time().dated()).isTrue();
  }

  @Test
  void readsJavaUtilLoggingOutput() throws IOException {
    java.util.logging.Logger jul = java.util.logging.Logger.getAnonymousLogger();
    jul.setUseParentHandlers(false);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    // SimpleFormatter's default format, pinned so that the test does not depend on
    // logging.properties
    System.setProperty(
        "java.util.logging.SimpleFormatter.format",
        "%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp %2$s%n%4$s: %5$s%6$s%n");
    java.util.Locale before = java.util.Locale.getDefault();
    java.util.Locale.setDefault(
        java.util.Locale.US); // month names and AM/PM as an English-locale JVM prints them
    try {
      java.util.logging.StreamHandler h =
          new java.util.logging.StreamHandler(bytes, new java.util.logging.SimpleFormatter());
      jul.addHandler(h);
      jul.log(java.util.logging.Level.SEVERE, "job failed", thrown(() -> Integer.parseInt("x1")));
      jul.info("next");
      h.flush();
    } finally {
      System.clearProperty("java.util.logging.SimpleFormatter.format");
      java.util.Locale.setDefault(before);
    }
    String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    List<LogScanner.Block> blocks = scan(text);
    assertThat(blocks)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.text())
                  .startsWith("SEVERE: job failed")
                  .contains("java.lang.NumberFormatException");
              assertThat(b.time()).isNotNull();
              assertThat(b.time().dated()).isTrue();
            });
  }

  @Test
  void keepsATraceWholeOverRootCauseLinesBlankLinesAndTextBeforeItsCause() throws IOException {
    Exception e = new IllegalStateException("outer", thrown(() -> Integer.parseInt("x")));
    String outer = printed(e).substring(0, printed(e).indexOf("Caused by:"));
    String root = printed(e.getCause());
    List<LogScanner.Block> blocks =
        scan(
            "2026-11-25 10:00:00.000 ERROR x - failed\n"
                + outer
                + "Root cause: "
                + root
                + "2026-11-25 10:00:01.000 INFO  x - next\n");
    assertThat(blocks)
        .singleElement()
        .satisfies(
            b -> assertThat(b.text()).contains("Root cause: java.lang.NumberFormatException"));
    // a blank line, Guice's "while locating" lines and "1 error" between frames and the rest of the
    // trace
    String printed =
        printed(e).replace("Caused by:", "\n  while locating com.acme.Repo\n\n1 error\nCaused by:");
    assertThat(scan(printed))
        .singleElement()
        .satisfies(b -> assertThat(b.text()).contains("1 error\nCaused by:"));
    // a line that names another exception starts a failure of its own, even when a cause follows it
    String two =
        printed(e) + "done\nException in thread \"main\" " + e + "\nLikely root cause: " + root;
    assertThat(scan(two))
        .hasSize(2)
        .last()
        .satisfies(b -> assertThat(b.text()).startsWith("Exception in thread"));
  }

  @Test
  void readsTracesWhoseLinesCarryAPrefix() throws IOException {
    String printed =
        printed(new IllegalStateException("outer", thrown(() -> Integer.parseInt("x"))));
    String junit = "    [junit] " + printed.strip().replace("\n", "\n    [junit] ") + "\n";
    assertThat(scan("    [junit] Testsuite: com.acme.RepoTest\n" + junit))
        .singleElement()
        .satisfies(
            b ->
                assertThat(b.text())
                    .startsWith("    [junit] java.lang.IllegalStateException: outer"));
    StringBuilder numbered = new StringBuilder();
    int n = 158;
    for (String line : printed.split("\n"))
      numbered.append("  ").append(n++).append(' ').append(line).append('\n');
    assertThat(scan(numbered.toString())).singleElement();
    String syslog =
        "Jun 22 12:49:01 host app[31996]: "
            + printed.strip().replace("\n", "\nJun 22 12:49:01 host app[31996]: ");
    assertThat(scan(syslog)).singleElement();
    // pasted from a web page: the frames indented with en spaces
    assertThat(scan(printed.replace("\tat ", "\u2002\u2002at "))).singleElement();
    // a log line that quotes a frame is no decorated frame: it does not join the trace before it
    assertThat(
            scan(
                printed
                    + "2026-11-25 10:00:00.000 WARN x - slow call at com.acme.Repo.find(Repo.java:12)\n"))
        .hasSize(1);
  }

  @Test
  void aLineInBracesIsTextNotAJsonEvent() throws IOException {
    String printed = printed(thrown(() -> Integer.parseInt("x")));
    String text = printed.replaceFirst("\n", "\n{noformat}\n");
    assertThat(scan(text))
        .singleElement()
        .satisfies(b -> assertThat(b.text()).contains("{noformat}\n\tat "));
  }

  @Test
  void readsJvmReportsOfUncaughtExceptions() throws IOException {
    String text =
        "Exception in thread \"main\" java.lang.IllegalArgumentException: bad\n"
            + "\tat com.acme.Main.main(Main.java:3)\n";
    assertThat(scan(text))
        .singleElement()
        .satisfies(b -> assertThat(b.text()).startsWith("Exception in thread"));
  }

  @Test
  void keepsTheCausesAtTheEndOfAHugeTrace() throws IOException {
    StringBuilder sb =
        new StringBuilder(
            "2026-11-25 10:00:00.000 ERROR x - deep\njava.lang.RuntimeException: outer\n");
    for (int i = 0; i < 10_000; i++)
      sb.append("\tat com.acme.Deep.call").append(i).append("(Deep.java:").append(i).append(")\n");
    sb.append(
        "Caused by: java.net.SocketTimeoutException: Read timed out\n\tat java.base/java.net.Socket.read(Socket.java:1)\n");
    sb.append("\t... 10000 more\n");
    List<LogScanner.Block> blocks = scan(sb.toString());
    assertThat(blocks)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.truncated()).isTrue();
              assertThat(b.text())
                  .contains("Caused by: java.net.SocketTimeoutException: Read timed out");
              assertThat(b.text().length()).isLessThan(200_000);
            });
  }

  @Test
  void countsDayRolloversOfTimeOnlyStamps() throws IOException {
    String text =
        """
        23:59:58.000 [main] ERROR x - a java.lang.IllegalStateException: late
        00:00:03.000 [main] ERROR x - b java.lang.IllegalStateException: early
        """;
    List<LogScanner.Block> blocks = scan(text);
    assertThat(blocks).hasSize(2);
    assertThat(blocks.get(0).time().format()).isEqualTo("23:59:58");
    assertThat(blocks.get(1).time().format()).isEqualTo("00:00:03 +1d");
    assertThat(blocks.get(1).time().compareTo(blocks.get(0).time())).isPositive();
  }

  @Test
  void survivesBinaryGarbageAndOverlongLines() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3000; i++) sb.append((char) (i * 7919 % 0xD7FF));
    sb.append('\n')
        .append("x".repeat(200_000))
        .append("java.lang.IllegalStateException: hidden at the end\n");
    sb.append("\u0000\u0001\u0002 java.lang.IllegalStateException: after nul bytes\n");
    List<LogScanner.Block> blocks = scan(sb.toString());
    // the overlong line is cut at 64 K characters, so the exception at its end is not seen
    assertThat(blocks).noneMatch(b -> b.text().contains("hidden at the end"));
    assertThat(blocks).anyMatch(b -> b.text().contains("after nul bytes"));
  }

  @Test
  void boundedLineReaderHandlesAllLineEndings() throws IOException {
    try (BoundedLineReader r = new BoundedLineReader(new StringReader("a\r\nb\rc\nd"), 10)) {
      assertThat(r.readLine()).isEqualTo("a");
      assertThat(r.readLine()).isEqualTo("b");
      assertThat(r.readLine()).isEqualTo("c");
      assertThat(r.readLine()).isEqualTo("d");
      assertThat(r.readLine()).isNull();
      assertThat(r.lineNumber()).isEqualTo(4);
    }
    try (BoundedLineReader r =
        new BoundedLineReader(new StringReader("0123456789ABCDEF\nok\n"), 10)) {
      assertThat(r.readLine()).isEqualTo("0123456789");
      assertThat(r.lastLineCut()).isTrue();
      assertThat(r.readLine()).isEqualTo("ok");
      assertThat(r.lastLineCut()).isFalse();
    }
  }

  @Test
  void recognisesTheTimeStampsOfCommonPatterns() {
    assertThat(LogLines.time("2026-11-25T10:23:45.123+09:00 ERROR 1 --- [main] x : y").format())
        .isEqualTo("2026-11-25 10:23:45");
    assertThat(LogLines.time("2026-11-25 10:23:45,123 ERROR x").epochMillis() % 1000)
        .isEqualTo(123);
    assertThat(LogLines.time("26/11/25 10:23:45 ERROR x").format())
        .isEqualTo("2026-11-25 10:23:45");
    assertThat(LogLines.time("25-Nov-2026 10:23:45.123 SEVERE [main] x").format())
        .isEqualTo("2026-11-25 10:23:45");
    assertThat(LogLines.time("[2026-11-25 10:23:45] x").format()).isEqualTo("2026-11-25 10:23:45");
    assertThat(LogLines.time("10:23:45.123 [main] ERROR x").dated()).isFalse();
    assertThat(LogLines.time("Nov 25, 2026 1:05:09 PM com.acme.Job run").format())
        .isEqualTo("2026-11-25 13:05:09");
    assertThat(LogLines.time("Nov 25, 2026 12:05:09 AM com.acme.Job run").format())
        .isEqualTo("2026-11-25 00:05:09");
    assertThat(LogLines.time("2026-13-45 10:23:45 not a date")).isNull();
    assertThat(LogLines.time("12345 plain")).isNull();
  }
}
