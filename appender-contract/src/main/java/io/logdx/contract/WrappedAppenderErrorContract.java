package io.logdx.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.contract.app.Failures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A wrapped appender that throws an {@code Error} for one event (issue 17): the error costs that event only. Every
 * other event is written by the JSON file appender, in order; the failed one is counted as FailedHandOns (not as
 * Delivered) and reported on the status channel with its cause; the dispatcher goes on.
 *
 * <p>The errors are synthetic: the scenario's test appender throws them for an event whose message contains
 * {@link #TRIGGER}, as an encoder overflowing its stack, a failed assertion or an allocation too big for the heap
 * would.
 *
 * <p>On Log4j2 the failing appender keeps {@code ignoreExceptions="true"} and Log4j's own error handler, as real
 * appenders do: Log4j's {@code AppenderControl} catches the error and tells only that handler, whose report (under
 * the failing appender's name) is not the one asked for. The report must be the diagnosing appender's
 * ({@link AppenderHarness#appenderProblems}).
 */
public abstract class WrappedAppenderErrorContract extends AppenderContract {
  /** The text of the message of the event that the failing appender of {@link Scenario#FAILING_ONCE} fails on. */
  public static final String TRIGGER = "[fail here]";

  /** Events logged before and after the failing one. */
  private static final int AROUND = 200;

  /**
   * The error that the failing appender throws.
   *
   * @param type {@code StackOverflowError}, {@code AssertionError} or {@code OutOfMemoryError}
   * @return a new error of that type, its message {@link #syntheticMessage}
   */
  public static Error syntheticError(String type) {
    String message = syntheticMessage(type);
    return switch (type) {
      case "StackOverflowError" -> new StackOverflowError(message);
      case "AssertionError" -> new AssertionError(message);
      case "OutOfMemoryError" -> new OutOfMemoryError(message);
      default -> throw new IllegalArgumentException("no synthetic error " + type);
    };
  }

  /** The message of {@link #syntheticError}. */
  public static String syntheticMessage(String type) {
    return "synthetic " + type + " of the contract's failing appender";
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"StackOverflowError", "AssertionError", "OutOfMemoryError"})
  public void anErrorOfAWrappedAppenderCostsThatEventOnly(String error) {
    AppenderHarness h = start(Scenario.FAILING_ONCE, Map.of("ERROR", error));
    int bad = AROUND;
    int total = 2 * AROUND + 1;
    for (int i = 0; i < total; i++) {
      if (i == bad) {
        h.log(Level.INFO, LOGGER, null, "e{} {}", i, TRIGGER);
      } else if (i % 4 == 1) {
        h.log(Level.ERROR, LOGGER, Failures.numberFormat("n" + (i % 3)), "e{}", i);
      } else if (i % 4 == 3) {
        h.log(Level.WARN, LOGGER, Failures.declined("card " + i + " declined"), "e{}", i);
      } else {
        h.log(Level.INFO, LOGGER, null, "e{}", i);
      }
    }
    waitFor("every event handed on", () -> counter("Received") == total && counter("Queued") == 0);
    // read before stop: the MBean goes with the appender
    long received = counter("Received");
    long delivered = counter("Delivered");
    long failedHandOns = counter("FailedHandOns");
    long overflowed = counter("Overflowed");
    long passedThrough = counter("PassedThrough");
    long queued = counter("Queued");
    h.stop();

    // the JSON appender comes before the failing one: whether it wrote the bad event is the
    // framework's
    // matter (Logback's loop over its appenders stops at the first that throws, Log4j2's does not);
    // every other event is there, once, in order. Soft: a failing run shows every part that fails.
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      if (i != bad) expected.add("e" + i);
    }
    List<String> written =
        messages(
            h.events().stream()
                .filter(e -> !e.markers().contains(PendingContract.FOLLOW_UP_MARKER))
                .toList());
    List<String> reports =
        h.appenderProblems().stream().filter(m -> m.contains(syntheticMessage(error))).toList();
    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(written.stream().filter(m -> !m.contains(TRIGGER)).toList())
              .as("every other event written once, in order")
              .containsExactlyElementsOf(expected);
          soft.assertThat(written.stream().filter(m -> m.contains(TRIGGER)).count())
              .as("the failed event written at most once, by the appender before the failing one")
              .isLessThanOrEqualTo(1);
          soft.assertThat(reports)
              .as(
                  "%s's report of the failed hand-on, with its cause, among %s",
                  h.framework(), h.problems())
              .hasSize(1)
              .allSatisfy(m -> assertThat(m).contains("java.lang." + error));
          soft.assertThat(failedHandOns).as("FailedHandOns").isEqualTo(1);
          soft.assertThat(delivered)
              .as("Delivered leaves the failed event out")
              .isEqualTo(total - 1);
          soft.assertThat(overflowed).as("Overflowed").isZero();
          soft.assertThat(passedThrough).as("PassedThrough").isZero();
          soft.assertThat(received)
              .as("Received = Delivered + FailedHandOns + Overflowed + PassedThrough + Queued")
              .isEqualTo(delivered + failedHandOns + overflowed + passedThrough + queued);
        });
  }
}
