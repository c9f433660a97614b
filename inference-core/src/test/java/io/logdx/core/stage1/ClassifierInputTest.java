package io.logdx.core.stage1;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Failure;
import io.logdx.core.FailureParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trainer learns from printed traces; the engine classifies live throwables: both must render the same. */
class ClassifierInputTest {
  private final FailureParser parser = new FailureParser();

  private static Throwable chain() {
    try {
      try {
        Integer.parseInt("12x");
        throw new AssertionError("unreachable");
      } catch (NumberFormatException e) {
        throw new SQLException("could not read amount", e);
      }
    } catch (SQLException e) {
      return new IllegalStateException("payment failed", e);
    }
  }

  @Test
  void liveThrowableAndItsPrintedTraceRenderTheSame() {
    Throwable t = chain();
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    Failure live = parser.parse(t);
    Failure printed = parser.parse(sw.toString());
    assertThat(ClassifierInput.render(printed)).isEqualTo(ClassifierInput.render(live));
    assertThat(ClassifierInput.structure(printed)).isEqualTo(ClassifierInput.structure(live));
  }

  @Test
  void rootCauseComesFirstAndFramesCarryNoLineNumbers() {
    String text = ClassifierInput.render(parser.parse(chain()));
    assertThat(text).startsWith("java.lang.NumberFormatException: For input string: \"12x\"");
    assertThat(text).contains(" | in java.sql.SQLException: could not read amount")
        .contains(" | at java.lang.Integer.parseInt").doesNotContain(".java:");
    assertThat(text.length()).isLessThanOrEqualTo(ClassifierInput.MAX_CHARS);
  }

  @Test
  void aLogLineWithoutExceptionIsRenderedAsItIs() {
    Failure f = parser.parse("ERROR payment service returned status 503");
    assertThat(ClassifierInput.render(f)).contains("status 503");
    assertThat(ClassifierInput.structure(f)).isEqualTo(List.of("no-exception"));
  }

  @Test
  void hugeMessagesAreCut() {
    Failure f = parser.parse(new IllegalArgumentException("x".repeat(5_000)));
    assertThat(ClassifierInput.render(f).length()).isLessThanOrEqualTo(ClassifierInput.MAX_CHARS);
  }
}
