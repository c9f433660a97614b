package io.logdx.core.stage1;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.Failure;
import io.logdx.core.internal.FailureParser;
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
    assertThat(text)
        .contains(" | in java.sql.SQLException: could not read amount")
        .contains(" | at java.lang.Integer.parseInt")
        .doesNotContain(".java:");
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

  @Test
  void portsUuidsAndIdentityHashesAreReplacedStatusAndErrorCodesStay() {
    assertThat(
            ClassifierInput.stable(
                "503 Service Unavailable from POST http://127.0.0.1:40105/v1/entries: {\"code\":\"MAINTENANCE\"}"))
        .isEqualTo(
            "503 Service Unavailable from POST http://127.0.0.1:<port>/v1/entries: {\"code\":\"MAINTENANCE\"}");
    assertThat(ClassifierInput.stable("Connection refused: localhost/127.0.0.1:5432"))
        .isEqualTo("Connection refused: localhost/127.0.0.1:<port>");
    assertThat(
            ClassifierInput.stable(
                "connect to ledger-standby:8443 and db.bank.internal:1521 and [::1]:9200"))
        .isEqualTo("connect to ledger-standby:<port> and db.bank.internal:<port> and [::1]:<port>");
    assertThat(ClassifierInput.stable("jdbc:postgresql://db:5432/payments and localhost:61616"))
        .isEqualTo("jdbc:postgresql://db:<port>/payments and localhost:<port>");
    assertThat(
            ClassifierInput.stable(
                "request 3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b rejected from "
                    + "java.util.concurrent.ThreadPoolExecutor@1440c311 by Main$$Lambda$504/0x00007f6688316928"))
        .isEqualTo(
            "request <uuid> rejected from java.util.concurrent.ThreadPoolExecutor@<hash> by Main$$Lambda$504/0x<hex>");
    // what names the failure stays: times, status and vendor codes, SQL states, file:line
    for (String kept :
        List.of(
            "at 05:31:27.200 ERROR",
            "ORA-12541: TNS:no listener",
            "SQLState: 40001, code:1213",
            "HTTP/1.1 401 Unauthorized",
            "(LedgerClient.java:64)",
            "Index 40105 out of bounds for length 3",
            "user@<email> said 0x12")) {
      assertThat(ClassifierInput.stable(kept)).as(kept).isEqualTo(kept);
    }
  }

  @Test
  void theSameFailureFromAnotherPortRendersTheSame() {
    Failure a =
        parser.parse(
            new IllegalStateException("503 Service Unavailable from GET http://127.0.0.1:40105/x"));
    Failure b =
        parser.parse(
            new IllegalStateException("503 Service Unavailable from GET http://127.0.0.1:36653/x"));
    assertThat(ClassifierInput.render(a))
        .isEqualTo(ClassifierInput.render(b))
        .doesNotContain("40105");
  }

  @Test
  void classNamesAreReadAsWords() {
    assertThat(
            ClassifierInput.typeWords("org.apache.hadoop.hdfs.protocol.DSQuotaExceededException"))
        .isEqualTo("ds quota exceeded exception");
    assertThat(ClassifierInput.typeWords("java.sql.SQLSyntaxErrorException"))
        .isEqualTo("sql syntax error exception");
    assertThat(ClassifierInput.typeWords("org.apache.zookeeper.KeeperException$NoNodeException"))
        .isEqualTo("keeper exception no node exception");
    assertThat(ClassifierInput.typeWords("com.acme.Http2StreamIOError"))
        .isEqualTo("http2 stream io error");
    assertThat(ClassifierInput.typeWords("snake_case_failure")).isEqualTo("snake case failure");
    assertThat(ClassifierInput.typeWords("")).isEmpty();
  }

  @Test
  void typeWordsOfAFailure() {
    Failure f = parser.parse(chain());
    assertThat(ClassifierInput.rootTypeWords(f)).isEqualTo("number format exception");
    assertThat(ClassifierInput.otherTypeWords(f))
        .isEqualTo("sql exception , illegal state exception");
    Failure text = parser.parse("ERROR payment service returned status 503");
    assertThat(ClassifierInput.rootTypeWords(text)).isEmpty();
    assertThat(ClassifierInput.otherTypeWords(text)).isEmpty();
  }
}
