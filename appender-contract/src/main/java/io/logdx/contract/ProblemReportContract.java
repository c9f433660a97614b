package io.logdx.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The appender's own problems go to the framework's status channel, cut to the first 10 of each kind and then 1 in
 * 1000 (CONTRACT16 row 8), and never cost the other wrapped appenders their events.
 */
public abstract class ProblemReportContract extends AppenderContract {
  /** The message of the exception that the failing wrapped appender of {@link Scenario#FAILING_SINK} throws. */
  public static final String SINK_FAILURE = "the wrapped appender exploded";

  @Test
  public void aWrappedAppenderThatThrowsIsReportedTenTimesThenOnceInAThousand() {
    AppenderHarness h = start(Scenario.FAILING_SINK);
    for (int i = 0; i < 10; i++) {
      h.log(Level.INFO, LOGGER, null, "e{}", i);
    }
    waitFor("ten events written", () -> h.events().size() == 10);
    waitFor("ten reports", () -> reports(h).size() >= 10);
    assertThat(reports(h)).hasSize(10);
    int total = 2_000;
    for (int i = 10; i < total; i++) {
      h.log(Level.INFO, LOGGER, null, "e{}", i);
    }
    h.stop();
    assertThat(h.events()).as("the appender before the failing one got every event").hasSize(total);
    // ten, then one for each thousand failures (the count at which the first of them falls is the
    // core's choice)
    assertThat(reports(h)).hasSizeBetween(11, 12);
  }

  private static List<String> reports(AppenderHarness h) {
    return h.problems().stream().filter(m -> m.contains(SINK_FAILURE)).toList();
  }
}
