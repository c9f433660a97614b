package io.logdx.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.logdx.contract.app.Failures;
import io.logdx.core.DiagnosisFields;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Code that logs while an event is being handled (a message argument, an exception's {@code getMessage()}, the
 * model itself): no loop, no deadlock, nothing thrown into the caller, no event lost.
 */
public abstract class RecursionContract extends AppenderContract {
  /** Bounds every logging callback, so that a broken recursion guard fails a test instead of overflowing the stack. */
  static final int BOUND = 50;

  @Test
  public void anArgumentWhoseToStringLogs() {
    AppenderHarness h = start(Scenario.RULES);
    AtomicInteger calls = new AtomicInteger();
    Object noisy =
        new Object() {
          @Override
          public String toString() {
            if (calls.incrementAndGet() < BOUND) {
              h.log(
                  Level.ERROR,
                  LOGGER,
                  new IllegalStateException("nested"),
                  "logged from toString()");
            }
            return "order-42";
          }
        };
    assertThatCode(
            () ->
                h.log(
                    Level.ERROR,
                    LOGGER,
                    Failures.numberFormat("abc"),
                    "could not settle {}",
                    noisy))
        .doesNotThrowAnyException();
    h.stop();
    assertThat(h.problems()).isEmpty();
    assertThat(calls).hasValue(1);
    List<WrittenEvent> out = h.events();
    // the nested event is complete before the outer one is: it comes first
    assertThat(messages(out))
        .containsExactly("logged from toString()", "could not settle order-42");
    assertThat(out.get(1).diagnosis())
        .containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.CATEGORY, "number_format");
  }

  /** An exception whose message is computed by code that logs through the same logger (a real pattern). */
  static final class ChattyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient AppenderHarness harness;
    final AtomicInteger calls = new AtomicInteger();

    ChattyException(AppenderHarness harness) {
      super("chatty");
      this.harness = harness;
    }

    @Override
    public String getMessage() {
      if (calls.incrementAndGet() < BOUND) {
        harness.log(
            Level.ERROR,
            LOGGER,
            new IllegalStateException("inner " + calls.get()),
            "computing a message");
      }
      return "balance lookup failed";
    }
  }

  @Test
  public void anExceptionWhoseGetMessageLogs() {
    AppenderHarness h = start(Scenario.RULES);
    ChattyException chatty = new ChattyException(h);
    assertThatCode(() -> h.log(Level.ERROR, LOGGER, chatty, "outer")).doesNotThrowAnyException();
    h.log(Level.INFO, LOGGER, null, "after");
    waitFor(
        "the last event written",
        () -> h.events().stream().anyMatch(e -> e.message().equals("after")));
    long received = counter("Received");
    long delivered = counter("Delivered");
    long passedThrough = counter("PassedThrough");
    h.stop();
    assertThat(chatty.calls.get()).isLessThan(BOUND);
    List<WrittenEvent> out = h.events();
    WrittenEvent outer = event(out, "outer");
    assertThat(outer.diagnosis())
        .containsEntry(DiagnosisFields.STATUS, "ok")
        .containsEntry(DiagnosisFields.ROOT_CAUSE_TYPE, ChattyException.class.getName())
        .containsEntry(DiagnosisFields.ROOT_CAUSE_MESSAGE, "balance lookup failed");
    assertThat(out).filteredOn(e -> e.message().equals("computing a message")).isNotEmpty();
    // what logdx's own threads logged went straight on, never diagnosed, never queued
    assertThat(out)
        .filteredOn(WrittenEvent::fromLogdxThread)
        .allSatisfy(e -> assertThat(e.diagnosis()).as(e.toString()).isEmpty());
    // every event given to the appender is received, and went on either through the queue or,
    // logged from inside logdx's work (its threads, or re-entrantly on the caller's), passed
    // through. Not every one is written: an event logged while a wrapped appender renders the outer
    // one (its layout calls getMessage()) re-enters that appender on the same thread, and the
    // framework drops it (Log4j2's AppenderControl recursion guard), as it does without logdx.
    assertThat(received)
        .as("%s; passed through %d", out, passedThrough)
        .isGreaterThanOrEqualTo(out.size())
        .isEqualTo(delivered + passedThrough);
    assertThat(passedThrough)
        .isGreaterThanOrEqualTo(out.stream().filter(WrittenEvent::fromLogdxThread).count());
  }

  @Test
  public void aModelThatLogsWhileItClassifies() {
    ContractModel.mode(ContractModel.Mode.LOGGING);
    AppenderHarness h = start(Scenario.STAND_IN);
    ContractModel.hook(
        () ->
            h.log(
                Level.ERROR,
                LOGGER,
                new IllegalStateException("model noise"),
                "warning from inside the model"));
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "amount rejected");
    List<WrittenEvent> out = awaitEvents(h, 2);
    long received = counter("Received");
    long passedThrough = counter("PassedThrough");
    h.stop();
    assertThat(h.problems()).isEmpty();
    assertThat(messages(out)).containsExactly("warning from inside the model", "amount rejected");
    assertThat(out.get(0).thread()).startsWith("logdx-");
    assertThat(out.get(0).diagnosis()).isEmpty();
    assertThat(out.get(1).diagnosis()).containsEntry(DiagnosisFields.CATEGORY, "number_format");
    assertThat(received).isEqualTo(2);
    assertThat(passedThrough).isEqualTo(1);
  }
}
