package io.logdx.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Failure;
import io.logdx.core.Failure.CauseNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs that must give a clear outcome (an empty failure or a bounded one), never an exception. The
 * timeouts are generous guards against catastrophic regex backtracking, which would take hours, not a
 * measure of speed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputTest {
  private static final int TEN_MB = 10 * 1024 * 1024;
  private final FailureParser parser = new FailureParser();

  @Test
  void nullAndEmptyInputsGiveAnEmptyFailure() {
    for (Failure f :
        List.of(
            parser.parse((Throwable) null),
            parser.parse((String) null),
            parser.parse(""),
            parser.parse("   \n\t\n"),
            parser.parse("just a line without any failure"))) {
      assertThat(f.isEmpty()).isTrue();
      assertThat(f.rootCause()).isEmpty();
      assertThat(f.location()).isEmpty();
      assertThat(f.fingerprint()).hasSize(16);
    }
  }

  @Test
  void cyclicCausesEndTheChain() {
    IllegalStateException a = new IllegalStateException("a");
    IllegalArgumentException b = new IllegalArgumentException("b", a);
    a.initCause(b);
    Failure f = parser.parse(a);
    assertThat(f.chain())
        .extracting(CauseNode::type)
        .containsExactly(
            IllegalStateException.class.getName(), IllegalArgumentException.class.getName());
    // a cause that is itself
    Failure self = parser.parse(new SelfCaused());
    assertThat(self.chain()).hasSize(1);
  }

  static final class SelfCaused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public synchronized Throwable getCause() {
      return this;
    }
  }

  static final class Hostile extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Hostile(Throwable cause) {
      super(cause);
    }

    @Override
    public String getMessage() {
      throw new IllegalStateException("getMessage is broken");
    }

    @Override
    public String toString() {
      throw new UnsupportedOperationException("toString is broken");
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      throw new LinkageError("getStackTrace is broken");
    }
  }

  static final class Recursive extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      return getMessage() + "!";
    }
  }

  static final class BrokenCause extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public synchronized Throwable getCause() {
      throw new AssertionError("getCause is broken");
    }
  }

  @Test
  void throwingAccessorsGiveAPlaceholderNotAnException() {
    Failure f = parser.parse(new Hostile(new java.net.ConnectException("Connection refused")));
    assertThat(f.chain().get(0).message())
        .isEqualTo("<getMessage() threw java.lang.IllegalStateException>");
    assertThat(f.chain().get(0).frames()).isEmpty();
    assertThat(f.rootCause().orElseThrow().type()).isEqualTo("java.net.ConnectException");

    Failure recursive = parser.parse(new Recursive());
    assertThat(recursive.chain().get(0).message())
        .startsWith("<getMessage() threw java.lang.StackOverflowError");

    Failure brokenCause = parser.parse(new BrokenCause());
    assertThat(brokenCause.chain()).hasSize(1);
  }

  @Test
  void tenMegabyteMessagesAreCutNotRefused() {
    String huge = "x".repeat(TEN_MB);
    Failure live = parser.parse(new IllegalStateException(huge));
    assertThat(live.chain().get(0).message().length())
        .isLessThanOrEqualTo(StackTraceParser.MAX_MESSAGE_CHARS);
    assertThat(live.truncated()).isTrue();

    Failure text =
        parser.parse("java.lang.IllegalStateException: " + huge + "\n\tat com.acme.A.b(A.java:1)");
    assertThat(text.chain().get(0).type()).isEqualTo("java.lang.IllegalStateException");
    assertThat(text.chain().get(0).message().length())
        .isLessThanOrEqualTo(StackTraceParser.MAX_MESSAGE_CHARS);
    assertThat(text.truncated()).isTrue();

    // a huge message of digits, e-mails and key=values goes through the masker in bounded time
    String digits = "1234 5678 ".repeat(TEN_MB / 10);
    assertThat(parser.parse(new IllegalStateException(digits)).chain()).hasSize(1);
  }

  @Test
  void tenThousandFramesAreCut() {
    IllegalStateException t = new IllegalStateException("deep recursion");
    StackTraceElement[] st = new StackTraceElement[10_000];
    for (int i = 0; i < st.length; i++)
      st[i] = new StackTraceElement("com.acme.Rec", "step" + (i % 7), "Rec.java", i + 1);
    t.setStackTrace(st);
    Failure live = parser.parse(t);
    assertThat(live.chain().get(0).frames()).hasSize(ThrowableReader.MAX_FRAMES);
    assertThat(live.truncated()).isTrue();
    Failure text = new FailureParser(List.of(), 4 * 1024 * 1024).parse(Chains.printed(t));
    assertThat(text.chain().get(0).frames()).hasSize(ThrowableReader.MAX_FRAMES);
    assertThat(text.truncated()).isTrue();
    assertThat(text.fingerprint()).isEqualTo(live.fingerprint());
  }

  @Test
  void deepCauseChainsKeepTheirOutermostAndInnermostCauses() {
    Throwable t = new ArithmeticException("/ by zero");
    for (int i = 0; i < 10_000; i++) t = new IllegalStateException("level " + i, t);
    Failure live = parser.parse(t);
    assertThat(live.chain()).hasSize(ThrowableReader.MAX_DEPTH);
    assertThat(live.rootCause().orElseThrow().type()).isEqualTo("java.lang.ArithmeticException");
    assertThat(live.truncated()).isTrue();

    StringBuilder text =
        new StringBuilder("java.lang.IllegalStateException: top\n\tat com.acme.A.a(A.java:1)\n");
    for (int i = 0; i < 10_000; i++) {
      text.append("Caused by: java.lang.IllegalStateException: level ")
          .append(i)
          .append("\n\t... 1 more\n");
    }
    text.append(
        "Caused by: java.lang.ArithmeticException: / by zero\n\tat com.acme.B.b(B.java:2)\n\t... 1 more\n");
    Failure parsed = new FailureParser(List.of(), 4 * 1024 * 1024).parse(text.toString());
    assertThat(parsed.chain()).hasSize(ThrowableReader.MAX_DEPTH);
    assertThat(parsed.rootCause().orElseThrow().type()).isEqualTo("java.lang.ArithmeticException");
    assertThat(parsed.location().orElseThrow().printed()).isEqualTo("com.acme.B.b(B.java:2)");
  }

  @Test
  void binaryGarbageGivesAnOutcome() {
    Random random = new Random(42);
    for (int round = 0; round < 5; round++) {
      byte[] bytes = new byte[64 * 1024];
      random.nextBytes(bytes);
      Failure f = parser.parse(new String(bytes, StandardCharsets.ISO_8859_1));
      assertThat(f.fingerprint()).hasSize(16);
      Failure u = parser.parse(new String(bytes, StandardCharsets.UTF_8));
      assertThat(u.fingerprint()).hasSize(16);
    }
    assertThat(
            parser.parse("\u0000\u0001\u0002java.lang.IllegalStateException\u0000").fingerprint())
        .hasSize(16);
  }

  /** Strings built to make a backtracking regex explode: long runs of what each pattern repeats. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "a.",
        "A.",
        "a$",
        "at ",
        "\tat a",
        "at a.b(",
        "(",
        ")",
        "[",
        "]",
        "[a",
        ":",
        ": ",
        "Caused by: ",
        "nested: ",
        "nested exception is ",
        "java.",
        "errorjava.",
        "Exception",
        "a.BException: ",
        "0",
        "1",
        "1 ",
        "1-",
        "12-",
        "0x",
        "ab12",
        "@",
        "a@",
        "a@b.",
        "a.b@",
        "://",
        "://a:",
        "password=",
        "\"password\": \"",
        "Bearer ",
        "eyJ",
        "eyJa.",
        "+82 ",
        "010-1234-",
        "-",
        " ",
        "\t",
        "'",
        "\"",
        "`",
        "... ",
        "... 1 ",
        "<",
        "<card>",
        "\u2002",
        "[junit] ",
        "2024-01-01 ",
        "Foo[",
        "X(",
        "X(y.Z",
        "; ",
        "\\"
      })
  void pathologicalRepetitionsParseInBoundedTime(String unit) {
    String run = unit.repeat(Math.max(1, 40_000 / unit.length()));
    Failure f = new FailureParser(List.of("com.acme"), 1 << 20).parse(run);
    assertThat(f.fingerprint()).hasSize(16);
    // the same run inside a header, a message, a frame and a log line
    String trace =
        "2024-01-01 10:00:00 ERROR x - "
            + run
            + "\njava.lang.IllegalStateException: "
            + run
            + "\n\tat com.acme."
            + run
            + "(A.java:1)\nCaused by: java.io.IOException: "
            + run
            + "\n\t... 1 more\n";
    assertThat(new FailureParser(List.of("com.acme"), 1 << 22).parse(trace).fingerprint())
        .hasSize(16);
    assertThat(Masker.mask(run)).isNotNull();
    assertThat(Fingerprint.shape(run)).isNotNull();
  }

  @Test
  void pathologicalMessagesFromLiveThrowables() {
    for (String unit :
        List.of(
            "a.", "1 ", "a@", "password=", "java.io.IOException: ", "nested: X[", "Caused by ")) {
      String msg = unit.repeat(30_000 / unit.length());
      Failure f = parser.parse(new IllegalStateException(msg, new IllegalArgumentException(msg)));
      assertThat(f.chain()).isNotEmpty();
      assertThat(f.chain().size())
          .isLessThanOrEqualTo(ThrowableReader.MAX_DEPTH + 2 * MessageCauses.MAX_PER_NODE);
    }
  }
}
