package io.logdx.logback;

import static io.logdx.logback.LogbackFixture.configure;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logdx.core.DiagnosisFields;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile throwables logged through the appender: each event goes on, with a clear status, nothing lost. */
class BadInputTest {

  @Test
  void cutKeepsSurrogatePairsWhole() {
    assertThat(DiagnosisFields.cut("abcdef", 0)).isEqualTo("abcdef");
    assertThat(DiagnosisFields.cut("abcdef", 6)).isEqualTo("abcdef");
    assertThat(DiagnosisFields.cut("abcdef", 4)).isEqualTo("abc\u2026");
    String withEmoji = "ab\uD83D\uDE00cd"; // a, b, one emoji (2 chars), c, d
    assertThat(DiagnosisFields.cut(withEmoji, 4)).isEqualTo("ab\u2026");
  }

  @Test
  void hostileThrowablesAreDeliveredWithAClearStatus() throws Exception {
    IllegalStateException cyclic = new IllegalStateException("outer");
    RuntimeException inner = new RuntimeException("inner", cyclic);
    cyclic.initCause(inner);

    IllegalStateException huge = new IllegalStateException("x".repeat(10 * 1024 * 1024));

    IllegalStateException deep = new IllegalStateException("deep");
    StackTraceElement[] frames = new StackTraceElement[10_000];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = new StackTraceElement("com.acme.Deep" + (i % 7), "call" + i, "Deep.java", i + 1);
    }
    deep.setStackTrace(frames);

    IllegalStateException binary =
        new IllegalStateException(new String(new char[] {0, 1, 0xFFFF, 0xD800, 'a', 7}));
    RuntimeException nullMessage = new RuntimeException((String) null);

    try (LogbackFixture fx = configure("logback-list.xml")) {
      Logger log = fx.logger("com.acme.Payments");
      log.error("cyclic", cyclic);
      log.error("huge", huge);
      log.error("deep", deep);
      log.error("binary", binary);
      log.error("null message", nullMessage);
      log.info("after");
      ListAppender<ILoggingEvent> list = fx.list("DX", "LIST");
      fx.stop();
      assertThat(fx.problems()).isEmpty();
      List<ILoggingEvent> out = list.list;
      assertThat(out)
          .extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly("cyclic", "huge", "deep", "binary", "null message", "after");
      for (ILoggingEvent e : out.subList(0, 5)) {
        assertThat(e.getMDCPropertyMap().get(DiagnosisFields.STATUS))
            .as(e.getFormattedMessage())
            .isIn("ok", "error");
        assertThat(e.getMDCPropertyMap())
            .as(e.getFormattedMessage())
            .containsKeys(DiagnosisFields.CATEGORY, DiagnosisFields.FINGERPRINT);
        // a field never carries a 10 MB message: values are cut to maxFieldLength
        e.getMDCPropertyMap()
            .forEach(
                (k, v) ->
                    assertThat(v.length())
                        .as(k)
                        .isLessThanOrEqualTo(
                            io.logdx.core.pipeline.AppenderSettings.DEFAULT_MAX_FIELD_LENGTH));
      }
      assertThat(out.get(0).getMDCPropertyMap())
          .containsEntry(DiagnosisFields.ROOT_CAUSE_TYPE, "java.lang.RuntimeException");
      assertThat(out.get(1).getMDCPropertyMap().get(DiagnosisFields.ROOT_CAUSE_MESSAGE))
          .startsWith("xxxx")
          .endsWith("\u2026");
      assertThat(out.get(2).getMDCPropertyMap())
          .containsEntry(DiagnosisFields.CATEGORY, "illegal_state");
    }
  }
}
