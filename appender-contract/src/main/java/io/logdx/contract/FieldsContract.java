package io.logdx.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.contract.app.Failures;
import io.logdx.core.DiagnosisFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fields of an enriched event, their names, their length cap (CONTRACT16 row 1) and masking. */
public abstract class FieldsContract extends AppenderContract {
  /** The default of the setting {@code maxFieldLength} (CONTRACT16 row 1). */
  public static final int DEFAULT_MAX_FIELD_LENGTH = 2048;

  @Test
  public void enrichedEventCarriesTheFieldsByTheirNamesAndKeepsItsOwn() {
    AppenderHarness h = start(Scenario.RULES);
    h.withContext(
        "traceId",
        "trace-0001",
        () -> {
          h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "amount rejected");
          h.log(Level.INFO, LOGGER, null, "plain line");
          // the root cause is the innermost cause, not the exception logged
          h.log(
              Level.ERROR,
              LOGGER,
              new IllegalStateException("gateway call failed", Failures.connectionRefused()),
              "gateway down");
        });
    h.stop();
    assertThat(h.problems()).as("a run without trouble reports none").isEmpty();
    List<WrittenEvent> out = h.events();
    assertThat(messages(out)).containsExactly("amount rejected", "plain line", "gateway down");

    WrittenEvent nfe = out.get(0);
    assertThat(nfe.diagnosis())
        .containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.CATEGORY, "number_format")
        .containsEntry(DiagnosisFields.ROOT_CAUSE_TYPE, "java.lang.NumberFormatException")
        .containsEntry(DiagnosisFields.LOCATION_CLASS, Failures.class.getName())
        .containsEntry(DiagnosisFields.LOCATION_METHOD, "parseAmount")
        .containsEntry(DiagnosisFields.LOCALE, "en")
        .containsEntry(DiagnosisFields.OCCURRENCES, "1")
        .containsKeys(
            DiagnosisFields.TOP,
            DiagnosisFields.LOCATION_FILE,
            DiagnosisFields.LOCATION_LINE,
            DiagnosisFields.CAUSE,
            DiagnosisFields.FIX,
            DiagnosisFields.FINGERPRINT)
        .doesNotContainKey(DiagnosisFields.EVENT_ID);
    assertThat(nfe.dx(DiagnosisFields.ROOT_CAUSE_MESSAGE)).contains("abc");
    assertThat(nfe.dx(DiagnosisFields.LOCATION_FRAME))
        .startsWith(Failures.class.getName() + ".parseAmount(");
    assertThat(nfe.dx(DiagnosisFields.SUMMARY)).startsWith("type=number_format");
    assertThat(nfe.dx(DiagnosisFields.MODEL)).startsWith("logdx-rules/");
    assertThat(Double.parseDouble(nfe.dx(DiagnosisFields.CONFIDENCE))).isBetween(0.0, 1.0);
    // the event is the application's own, seen with more fields: its context data and throwable are
    // untouched
    assertThat(nfe.context())
        .containsEntry("traceId", "trace-0001")
        .allSatisfy((k, v) -> assertThat(k).doesNotStartWith(DiagnosisFields.NAMESPACE));
    assertThat(nfe.stackTrace()).contains("java.lang.NumberFormatException");

    assertThat(out.get(1).diagnosis())
        .as("an event without a throwable carries no field")
        .isEmpty();

    WrittenEvent refused = out.get(2);
    assertThat(refused.diagnosis())
        .containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.CATEGORY, "connection_refused")
        .containsEntry(DiagnosisFields.ROOT_CAUSE_TYPE, "java.net.ConnectException");
    assertThat(refused.dx(DiagnosisFields.FINGERPRINT))
        .isNotEqualTo(nfe.dx(DiagnosisFields.FINGERPRINT));

    // every field written is one that DiagnosisFields names
    for (WrittenEvent e : out) {
      assertThat(diagnosisFieldNames()).as(e.toString()).containsAll(e.diagnosis().keySet());
    }
  }

  /** CONTRACT16 row 1: every string field is cut to {@code maxFieldLength}, keeping its start and marking the cut. */
  @Test
  public void noFieldIsLongerThanTheDefaultCap() {
    AppenderHarness h = start(Scenario.RULES);
    // longer than what the engine keeps of a message (64 K): the appender's own cap must apply
    h.log(Level.ERROR, LOGGER, Failures.declined("x".repeat(200_000)), "huge message");
    h.stop();
    WrittenEvent e = h.events().get(0);
    assertThat(e.status()).isEqualTo("ok");
    e.diagnosis()
        .forEach(
            (k, v) -> assertThat(v.length()).as(k).isLessThanOrEqualTo(DEFAULT_MAX_FIELD_LENGTH));
    assertThat(e.dx(DiagnosisFields.ROOT_CAUSE_MESSAGE)).startsWith("xxxx").endsWith("\u2026");
  }

  /** CONTRACT16 row 1: a configured {@code maxFieldLength} replaces the default. */
  @Test
  public void aConfiguredCapCutsEveryField() {
    int cap = 100;
    AppenderHarness h = start(Scenario.STAND_IN, Map.of("MAX_FIELD_LENGTH", Integer.toString(cap)));
    h.log(Level.ERROR, LOGGER, Failures.declined("y".repeat(5_000)), "long message");
    h.stop();
    WrittenEvent e = h.events().get(0);
    assertThat(e.status()).isEqualTo("ok");
    e.diagnosis().forEach((k, v) -> assertThat(v.length()).as(k).isLessThanOrEqualTo(cap));
    assertThat(e.dx(DiagnosisFields.ROOT_CAUSE_MESSAGE))
        .hasSize(cap)
        .startsWith("yyyy")
        .endsWith("\u2026");
  }

  /** A synthetic card number (Luhn-valid Visa test number), resident registration number, JDBC password, e-mail. */
  static final String CARD = "4111 1111 1111 1111";

  static final String RRN = "900101-1234568";
  static final String JDBC_PASSWORD = "s3cr3tPw0rd";
  static final String EMAIL = "kim.minji@example.com";

  @Test
  public void personalDataNeverReachesADiagnosisField() {
    AppenderHarness h = start(Scenario.RULES);
    String message =
        "charge declined for card "
            + CARD
            + " of "
            + EMAIL
            + " (rrn "
            + RRN
            + ") via "
            + "jdbc:postgresql://db.local:5432/bank?user=app&password="
            + JDBC_PASSWORD;
    h.log(Level.ERROR, LOGGER, Failures.declined(message), "charge failed");
    h.stop();
    WrittenEvent e = h.events().get(0);
    assertThat(e.status()).isEqualTo("ok");
    // the application's own trace is the application's business: logdx does not rewrite it
    assertThat(e.stackTrace()).contains(CARD);
    e.diagnosis()
        .forEach(
            (k, v) ->
                assertThat(v)
                    .as(k)
                    .doesNotContain(CARD)
                    .doesNotContain(CARD.replace(" ", ""))
                    .doesNotContain("1111 1111")
                    .doesNotContain(EMAIL)
                    .doesNotContain(RRN)
                    .doesNotContain(RRN.replace("-", ""))
                    .doesNotContain(JDBC_PASSWORD));
    assertThat(e.dx(DiagnosisFields.ROOT_CAUSE_MESSAGE)).contains("<card>").contains("<email>");
    assertThat(h.patternLines())
        .hasSize(1)
        .allSatisfy(
            line ->
                assertThat(line)
                    .doesNotContain(CARD)
                    .doesNotContain(EMAIL)
                    .doesNotContain(RRN)
                    .doesNotContain(JDBC_PASSWORD));
  }
}
