package io.logdx.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.contract.app.Failures;
import io.logdx.core.DiagnosisFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pattern converters {@code %diagnosis} and {@code %dx{field}} / {@code %dx{field,default}} in the framework's
 * own pattern layout (CONTRACT16 rows 3 and 4); the columns are those of {@link Scenario#PATTERN}.
 */
public abstract class PatternContract extends AppenderContract {

  /** The harness after an enriched event and a plain one, stopped; two lines in its pattern.log. */
  private AppenderHarness enrichedAndPlain() {
    AppenderHarness h = start(Scenario.RULES);
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "amount rejected");
    h.log(Level.INFO, LOGGER, null, "plain line");
    h.stop();
    assertThat(h.patternLines()).hasSize(2);
    return h;
  }

  @Test
  public void summaryAndSingleFields() {
    AppenderHarness h = enrichedAndPlain();
    List<String> lines = h.patternLines();
    String[] enriched = columns(lines.get(0));
    assertThat(enriched[0]).isEqualTo("ERROR");
    assertThat(enriched[1]).isEqualTo(LOGGER);
    assertThat(enriched[2]).isEqualTo("amount rejected");
    assertThat(enriched[3])
        .startsWith("type=number_format")
        .contains("at=" + Failures.class.getName() + ".parseAmount(")
        .isEqualTo(h.events().get(0).dx(DiagnosisFields.SUMMARY));
    assertThat(enriched[4]).isEqualTo("number_format");
    assertThat(enriched[5]).isEqualTo("java.lang.NumberFormatException");
    String[] plain = columns(lines.get(1));
    assertThat(plain[2]).isEqualTo("plain line");
    assertThat(plain[3]).as("%diagnosis of an event without a diagnosis").isEmpty();
    assertThat(plain[4]).isEmpty();
    assertThat(plain[5]).isEmpty();
  }

  /** Row 4: {@code %dx{field,default}} prints the default when the field is absent, the field when present. */
  @Test
  public void theDefaultOptionStandsInForAnAbsentField() {
    List<String> lines = enrichedAndPlain().patternLines();
    assertThat(columns(lines.get(0))[6]).isEqualTo("number_format");
    assertThat(columns(lines.get(0))[7]).isEqualTo("-");
    assertThat(columns(lines.get(1))[6]).isEqualTo("none");
    assertThat(columns(lines.get(1))[7]).isEqualTo("-");
  }

  /** Row 3: {@code %diagnosis} of an event with a status but no summary prints {@code status=<status>}. */
  @Test
  public void percentDiagnosisPrintsTheStatusWhenThereIsNoSummary() {
    ContractModel.mode(ContractModel.Mode.GATED);
    AppenderHarness h = start(Scenario.STAND_IN, Map.of("TIME_BUDGET", "20"));
    h.log(Level.ERROR, LOGGER, new UnsupportedOperationException("excluded type"), "excluded");
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "amount rejected");
    h.log(Level.INFO, LOGGER, null, "plain line");
    waitFor("three lines written", () -> h.patternLines().size() == 3);
    List<String> lines = h.patternLines();
    assertThat(columns(lines.get(0))[3]).isEqualTo("status=skipped");
    assertThat(columns(lines.get(1))[3]).isEqualTo("status=pending");
    assertThat(columns(lines.get(2))[3]).isEmpty();
    ContractModel.openGate();
    h.stop();
  }

  /** Row 3: a full queue's event prints {@code status=overflow}. */
  @Test
  public void percentDiagnosisOfAnOverflowingEvent() {
    AppenderHarness h = fillTheQueue(12, Map.of("OVERFLOW_POLICY", "PASS_THROUGH"));
    // more than the queue and the in-flight window hold: the first lines are the overflowing events
    List<String> lines = h.patternLines();
    assertThat(lines).isNotEmpty();
    assertThat(columns(lines.get(0))[3]).isEqualTo("status=overflow");
    ContractModel.openGate();
    h.stop();
  }

  /** Row 3: an event whose diagnosis ended in error prints {@code status=error}, not the fallback's summary. */
  @Test
  public void percentDiagnosisOfAFailedDiagnosis() {
    ContractModel.mode(ContractModel.Mode.FAILING);
    AppenderHarness h = start(Scenario.STAND_IN);
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "amount rejected");
    h.stop();
    assertThat(h.events().get(0).status()).isEqualTo("error");
    assertThat(columns(h.patternLines().get(0))[3]).isEqualTo("status=error");
  }
}
