package io.logdx.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.contract.app.Failures;
import io.logdx.core.DiagnosisFields;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statuses an event can carry, each from its real cause: ok (and ok from the cache), skipped, error, refused
 * (CONTRACT16 row 12), and a model that cannot load (row 2). Pending and overflow have contracts of their own.
 */
public abstract class StatusContract extends AppenderContract {

  /**
   * Once a failure is diagnosed, its repeats are enriched from the cache: the model is not asked again, each repeat
   * counts as a cache hit, and the occurrences go on counting.
   */
  @Test
  public void aRepeatedFailureIsEnrichedFromTheCacheWithoutAskingTheModelAgain() {
    ContractModel.mode(ContractModel.Mode.GATED);
    AppenderHarness h = start(Scenario.STAND_IN);
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "first");
    waitFor("the model asked", () -> ContractModel.calls() == 1);
    ContractModel.openGate();
    awaitEvents(h, 1);
    int repeats = 100;
    for (int i = 0; i < repeats; i++) {
      h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "again {}", i);
    }
    waitFor("every repeat delivered", () -> counter("Delivered") == repeats + 1);
    // the repeats are hits; the first is one too when the model answered before the dispatcher
    // looked
    assertThat(counter("CacheHits")).isBetween((long) repeats, repeats + 1L);
    assertThat(counter("Enriched")).isEqualTo(repeats + 1);
    h.stop();
    assertThat(ContractModel.calls()).as("one computation per fingerprint").isEqualTo(1);
    List<WrittenEvent> out = h.events();
    assertThat(out)
        .hasSize(repeats + 1)
        .allSatisfy(
            e ->
                assertThat(e.diagnosis())
                    .as(e.toString())
                    .containsEntry(DiagnosisFields.STATUS, "ok")
                    .containsEntry(DiagnosisFields.CATEGORY, "number_format")
                    .containsEntry(
                        DiagnosisFields.FINGERPRINT, out.get(0).dx(DiagnosisFields.FINGERPRINT)));
    assertThat(out.get(repeats).dx(DiagnosisFields.OCCURRENCES))
        .isEqualTo(Integer.toString(repeats + 1));
  }

  @Test
  public void excludedTypesAndLevelsBelowTheThresholdAreNotDiagnosed() {
    AppenderHarness h = start(Scenario.RULES);
    h.log(Level.ERROR, LOGGER, new UnsupportedOperationException("excluded type"), "excluded");
    h.log(
        Level.ERROR,
        LOGGER,
        new IllegalStateException("wrapper", new UnsupportedOperationException("inner")),
        "excluded as a cause");
    h.log(Level.WARN, LOGGER, Failures.numberFormat("w"), "warn is below the default threshold");
    h.stop();
    List<WrittenEvent> out = h.events();
    assertThat(messages(out))
        .containsExactly("excluded", "excluded as a cause", "warn is below the default threshold");
    assertThat(out.get(0).diagnosis()).isEqualTo(Map.of(DiagnosisFields.STATUS, "skipped"));
    assertThat(out.get(1).diagnosis()).isEqualTo(Map.of(DiagnosisFields.STATUS, "skipped"));
    assertThat(out.get(2).diagnosis()).isEmpty();
  }

  /** The setting {@code diagnoseWarn} lowers the threshold to WARN; INFO stays below it. */
  @Test
  public void warnIsDiagnosedWhenAsked() {
    AppenderHarness h = start(Scenario.STAND_IN, Map.of("DIAGNOSE_WARN", "true"));
    h.log(Level.WARN, LOGGER, new IllegalStateException("pool is closed"), "retrying");
    h.log(
        Level.WARN, LOGGER, new UnsupportedOperationException("excluded type"), "excluded at WARN");
    h.log(Level.INFO, LOGGER, Failures.numberFormat("i"), "info is below WARN");
    waitFor("three delivered", () -> counter("Delivered") == 3);
    assertThat(counter("Enriched")).isEqualTo(1);
    assertThat(counter("Skipped")).isEqualTo(1);
    h.stop();
    List<WrittenEvent> out = h.events();
    assertThat(messages(out)).containsExactly("retrying", "excluded at WARN", "info is below WARN");
    assertThat(out.get(0).diagnosis())
        .containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.CATEGORY, "resource_closed");
    assertThat(out.get(1).diagnosis()).isEqualTo(Map.of(DiagnosisFields.STATUS, "skipped"));
    assertThat(out.get(2).diagnosis()).isEmpty();
  }

  @Test
  public void aFailingModelGivesStatusErrorAndTheEventsGoOn() {
    ContractModel.mode(ContractModel.Mode.FAILING);
    AppenderHarness h = start(Scenario.STAND_IN);
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("1,000"), "amount unreadable");
    h.log(Level.INFO, LOGGER, null, "still logging");
    waitFor("both delivered", () -> counter("Delivered") == 2);
    assertThat(counter("Failed")).isEqualTo(1);
    assertThat(counter("Enriched")).isZero();
    h.stop();
    List<WrittenEvent> out = h.events();
    assertThat(messages(out)).containsExactly("amount unreadable", "still logging");
    // what parsing alone knows is still there
    assertThat(out.get(0).diagnosis())
        .containsEntry(DiagnosisFields.STATUS, "error")
        .containsEntry(DiagnosisFields.CATEGORY, "unknown")
        .containsEntry(DiagnosisFields.MODEL, "contract-failing/1")
        .containsEntry(DiagnosisFields.ROOT_CAUSE_TYPE, "java.lang.NumberFormatException")
        .containsKey(DiagnosisFields.FINGERPRINT);
    assertThat(out.get(1).diagnosis()).isEmpty();
  }

  /** CONTRACT16 row 2: a warning through the framework's status channel naming the location; the rules stand in. */
  @Test
  public void aModelThatCannotLoadIsReportedAndTheRulesStandIn(@TempDir Path dir) {
    String missing = dir.resolve("no-model-here").toString();
    AppenderHarness h = start(Scenario.RULES, Map.of("MODEL", missing));
    assertThat(h.problems())
        .as("status messages of %s", h.framework())
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(
                        "The model at ["
                            + missing
                            + "] could not be loaded (no model found there)"));
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "amount rejected");
    h.stop();
    WrittenEvent e = h.events().get(0);
    assertThat(e.diagnosis())
        .containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.CATEGORY, "number_format");
    assertThat(e.dx(DiagnosisFields.MODEL)).startsWith("logdx-rules/");
  }

  /**
   * CONTRACT16 row 12: a never-seen failure that the engine refuses for lack of model time goes on with status
   * {@code refused}, counted as Refused, not as Overflowed (which is the full queue only).
   */
  @Test
  public void aFailureRefusedForLackOfModelTimeIsStatusRefused() {
    ContractModel.mode(ContractModel.Mode.SPENDS_THE_BUDGET);
    AppenderHarness h = start(Scenario.STAND_IN, Map.of("MODEL_TIME_SHARE", "0.000001"));
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "spends the whole budget");
    awaitEvents(h, 1);
    h.log(Level.ERROR, LOGGER, new IllegalStateException("ledger is closed"), "never seen before");
    waitFor("two events delivered", () -> counter("Delivered") == 2);
    assertThat(counter("Refused")).isEqualTo(1);
    assertThat(counter("Overflowed")).isZero();
    h.stop();
    List<WrittenEvent> out = h.events();
    assertThat(messages(out)).containsExactly("spends the whole budget", "never seen before");
    assertThat(out.get(0).status()).isEqualTo("ok");
    assertThat(out.get(1).status()).isEqualTo("refused");
    assertThat(out.get(1).diagnosis()).doesNotContainKey(DiagnosisFields.CATEGORY);
  }
}
