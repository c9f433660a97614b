package io.logdx.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.contract.app.Failures;
import io.logdx.core.DiagnosisFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A diagnosis slower than the time budget: the event goes on pending with an event id, and the diagnosis follows
 * as its own event (CONTRACT16 rows 6 and 7).
 */
public abstract class PendingContract extends AppenderContract {
  /** The marker of follow-up events (row 7). */
  public static final String FOLLOW_UP_MARKER = "LOGDX_FOLLOW_UP";

  /** Row 6: a random prefix of 8 hex characters per appender start, then a per-appender sequence. */
  public static final String EVENT_ID = "[0-9a-f]{8}-[0-9]+";

  private static final Map<String, String> SHORT_BUDGET = Map.of("TIME_BUDGET", "20");

  @Test
  public void aLateDiagnosisGoesOnPendingThenFollowsAsItsOwnEvent() {
    ContractModel.mode(ContractModel.Mode.GATED);
    AppenderHarness h = start(Scenario.STAND_IN, SHORT_BUDGET);
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "amount rejected");
    h.log(Level.INFO, LOGGER, null, "next line");
    // both go on although the model has not answered: the error as pending, the next line after it
    List<WrittenEvent> out = awaitEvents(h, 2);
    assertThat(messages(out)).containsExactly("amount rejected", "next line");
    WrittenEvent pending = out.get(0);
    assertThat(pending.diagnosis())
        .containsEntry(DiagnosisFields.STATUS, "pending")
        .containsEntry(DiagnosisFields.ROOT_CAUSE_TYPE, "java.lang.NumberFormatException")
        .containsEntry(DiagnosisFields.OCCURRENCES, "1")
        .containsKeys(DiagnosisFields.FINGERPRINT, DiagnosisFields.EVENT_ID)
        .doesNotContainKeys(DiagnosisFields.CATEGORY, DiagnosisFields.SUMMARY);
    String id = pending.dx(DiagnosisFields.EVENT_ID);
    assertThat(id).matches(EVENT_ID);
    assertThat(out.get(1).diagnosis()).isEmpty();

    ContractModel.openGate();
    WrittenEvent followUp = awaitEvents(h, 3).get(2);
    assertThat(followUp.diagnosis())
        .containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.CATEGORY, "number_format")
        .containsEntry(DiagnosisFields.EVENT_ID, id)
        .containsEntry(DiagnosisFields.FINGERPRINT, pending.dx(DiagnosisFields.FINGERPRINT))
        .containsEntry(DiagnosisFields.OCCURRENCES, "1");
    assertThat(followUp.message())
        .isEqualTo("logdx diagnosis of event " + id + ": " + followUp.dx(DiagnosisFields.SUMMARY));
    assertThat(followUp.markers()).containsExactly(FOLLOW_UP_MARKER);
    assertThat(followUp.logger()).isEqualTo(pending.logger());
    assertThat(followUp.level()).isEqualTo(pending.level());
    assertThat(followUp.thread()).isEqualTo(pending.thread());
    assertThat(followUp.stackTrace()).as("the follow-up does not repeat the stack trace").isNull();
    waitFor("the follow-up counted", () -> counter("FollowUps") == 1);
    assertThat(counter("Pending")).isEqualTo(1);

    // the same failure again: enriched at once from the cache; the follow-up was not an occurrence
    // of its own
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "amount rejected again");
    h.stop();
    List<WrittenEvent> all = h.events();
    assertThat(all).hasSize(4);
    assertThat(all.get(3).diagnosis())
        .containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.OCCURRENCES, "2")
        .doesNotContainKey(DiagnosisFields.EVENT_ID);
    assertThat(ContractModel.calls()).as("one computation per fingerprint").isEqualTo(1);
  }

  @Test
  public void eventIdsDifferAcrossRestarts() {
    ContractModel.mode(ContractModel.Mode.GATED);
    String[] ids = new String[2];
    for (int i = 0; i < 2; i++) {
      AppenderHarness h = start(Scenario.STAND_IN, SHORT_BUDGET);
      h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "amount rejected");
      ids[i] = awaitEvents(h, 1).get(0).dx(DiagnosisFields.EVENT_ID);
      ContractModel.openGate();
      h.stop();
      ContractModel.reset();
      ContractModel.mode(ContractModel.Mode.GATED);
    }
    assertThat(ids[0]).matches(EVENT_ID);
    assertThat(ids[1]).matches(EVENT_ID);
    assertThat(ids[0].substring(0, 8))
        .as("prefix of each start")
        .isNotEqualTo(ids[1].substring(0, 8));
  }

  /** Row 6: the event id is set only on events that get a follow-up. */
  @Test
  public void withFollowUpsOffThereIsNoFollowUpAndNoEventId() {
    ContractModel.mode(ContractModel.Mode.GATED);
    AppenderHarness h =
        start(Scenario.STAND_IN, Map.of("TIME_BUDGET", "20", "FOLLOW_UPS", "false"));
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "amount rejected");
    awaitEvents(h, 1);
    ContractModel.openGate();
    waitFor("the late diagnosis computed", () -> ContractModel.done() == 1);
    h.log(Level.INFO, LOGGER, null, "last");
    // stop delivers every ready follow-up: had one been due, it would be written by now
    h.stop();
    List<WrittenEvent> out = h.events();
    assertThat(messages(out)).containsExactly("amount rejected", "last");
    assertThat(out.get(0).diagnosis())
        .containsEntry(DiagnosisFields.STATUS, "pending")
        .doesNotContainKey(DiagnosisFields.EVENT_ID);
  }
}
