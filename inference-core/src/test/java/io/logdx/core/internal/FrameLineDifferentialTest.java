package io.logdx.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * {@link LineClassifier#frameAtStart} (a frame line read by hand) against what the parser did with the
 * {@link LineClassifier#FRAME} pattern: its first match, accepted when only white space precedes it. Lines
 * are printed frames of every form the parser knows and generated near-misses of them.
 */
class FrameLineDifferentialTest {
  private static final String[] LEADS = {
    "", "\t", "    ", " \t", "\u001f", "x ", "[junit] ", ": ", "|", ">", "]", "12 ", "\f", "\u000B"
  };
  private static final String[] ATS = {"at ", "at\t", "at  ", "at", "At ", "a t ", "at\u001f"};
  private static final String[] PREFIXES = {
    "",
    "java.base/",
    "app//",
    "java.base@17.0.2/",
    "jdk.internal.vm.ci@17/",
    "/",
    "//",
    "a/b/",
    "my-loader@1a2b/",
    "x y/",
    "[x]/"
  };
  private static final String[] NAMES = {
    "com.acme.Pay.run",
    "java.lang.Thread.run",
    "Foo.<init>",
    "Foo.",
    "Foo",
    "com.acme.Pay$$Lambda$12/0x0000000800c.run",
    "scala.Function1$class.apply",
    "a.b(c",
    "é.ü.run",
    "x)y",
    "",
    "com.acme.Outer$Inner.lambda$run$0"
  };
  private static final String[] SOURCES = {
    "(Pay.java:42)",
    "(Native Method)",
    "(Unknown Source)",
    "()",
    "(Pay.java)",
    "(Pay.java:42",
    "(a(b)",
    "(Pay.java:42))",
    "(:1)",
    "(Pay.java: 42)"
  };
  private static final String[] TAILS = {
    "",
    " ~[app.jar:1.0]",
    " [app.jar:1.0]",
    "~[app.jar:1.0]",
    " ~[app.jar",
    " ~x[a]",
    "  \t[na:17]",
    " [?:?]",
    " trailing",
    " ~[]",
    "[a]b]"
  };

  @Test
  void readsEveryFrameLineAsThePatternDid() {
    List<String> lines =
        new ArrayList<>(
            Arrays.asList(
                "\tat com.acme.Pay.run(Pay.java:42)",
                "\tat java.base/java.lang.Thread.run(Thread.java:833)",
                "\tat app//com.acme.Pay.run(Pay.java:42) ~[app.jar:1.0]",
                "at org.h2.Driver.connect(Driver.java:59) [h2.jar:?]",
                "    [junit] at com.acme.Pay.run(Pay.java:42)",
                "12: at com.acme.Pay.run(Pay.java:42)",
                "at",
                "  at  ",
                "java.lang.IllegalStateException: at the end",
                "\tat <<<guice>>>",
                "\t... 12 more",
                "Caused by: x at y(z)"));
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 30_000; i++) {
      lines.add(
          pick(r, LEADS)
              + pick(r, ATS)
              + pick(r, PREFIXES)
              + pick(r, NAMES)
              + pick(r, SOURCES)
              + pick(r, TAILS));
    }
    List<String> mismatches = new ArrayList<>();
    for (String line : lines) {
      String expected = oracle(line);
      LineClassifier.FrameMatch m = LineClassifier.frameAtStart(line);
      String actual =
          m == null ? null : Arrays.asList(m.cm, m.src, m.loader, m.module, m.jar).toString();
      if (!String.valueOf(expected).equals(String.valueOf(actual))) {
        mismatches.add("[" + line + "] pattern=" + expected + " hand=" + actual);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void splitsLinesAsThePatternDid() {
    String[] parts = {"a", "", "\n", "\r", "\r\n", "\n\r", "\r\r\n", "b c", "\t"};
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = r.nextInt(8); k >= 0; k--) sb.append(pick(r, parts));
      String text = sb.toString();
      assertThat(StackTraceParser.splitLines(text))
          .as(text)
          .containsExactly(text.split("\r?\n|\r", -1));
    }
  }

  private static String oracle(String line) {
    Matcher m = LineClassifier.FRAME.matcher(line);
    if (!m.find()) return null;
    for (int i = 0; i < m.start(); i++) {
      if (!Character.isWhitespace(line.charAt(i))) return null;
    }
    return Arrays.asList(
            m.group("cm"), m.group("src"), m.group("loader"), m.group("module"), m.group("jar"))
        .toString();
  }

  private static String pick(SplittableRandom r, String[] options) {
    return options[r.nextInt(options.length)];
  }
}
