package io.logdx.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.contract.app.Failures;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The counters as an MBean {@code io.logdx:type=DiagnosingAppender,name=<appender>} (CONTRACT16 rows 10 and 11),
 * read by attribute name through the platform MBeanServer, as a monitoring tool reads them.
 */
public abstract class JmxContract extends AppenderContract {
  /** Row 11: the one MXBean interface of both appenders. */
  public static final Set<String> ATTRIBUTES =
      Set.of(
          "Received",
          "Delivered",
          "FailedHandOns",
          "Enriched",
          "CacheHits",
          "Pending",
          "FollowUps",
          "Skipped",
          "Failed",
          "Overflowed",
          "Refused",
          "PassedThrough",
          "Queued",
          "QueueCapacity",
          "Model");

  @Test
  public void registeredWhileStartedWithTheContractsAttributes() {
    AppenderHarness h = start(Scenario.RULES);
    assertThat(mbeanRegistered()).isTrue();
    assertThat(mbeanAttributes()).containsExactlyInAnyOrderElementsOf(ATTRIBUTES);
    assertThat(counter("QueueCapacity")).as("the queueSize of the scenario").isEqualTo(100_000);
    h.stop();
    assertThat(mbeanRegistered()).isFalse();
  }

  @Test
  public void countersFollowTheEvents() {
    AppenderHarness h = start(Scenario.RULES);
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "one");
    // once the first is diagnosed, the same failure is a cache hit (one still computing would not
    // count)
    waitFor("one delivered", () -> counter("Delivered") == 1);
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "two");
    h.log(Level.INFO, LOGGER, null, "three");
    h.log(Level.ERROR, LOGGER, new UnsupportedOperationException("excluded"), "four");
    waitFor("four delivered", () -> counter("Delivered") == 4);
    assertThat(counter("Received")).isEqualTo(4);
    assertThat(counter("Enriched")).isEqualTo(2);
    assertThat(counter("CacheHits")).isEqualTo(1);
    assertThat(counter("Skipped")).isEqualTo(1);
    assertThat(counter("Pending")).isZero();
    assertThat(counter("FollowUps")).isZero();
    assertThat(counter("Failed")).isZero();
    assertThat(counter("Overflowed")).isZero();
    assertThat(counter("Refused")).isZero();
    assertThat(counter("PassedThrough")).isZero();
    assertThat(counter("Queued")).isZero();
    assertThat((String) jmx("Model")).startsWith("logdx-rules/");
    h.stop();
    // the last counts outlive the MBean: stop writes them to the status channel
    assertThat(h.statusMessages())
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(
                        "Stopped: received=4 delivered=4 enriched=2 cacheHits=1 pending=0 followUps=0 skipped=1"));
  }

  /**
   * Row 11's invariant: every received event is in exactly one of Delivered, Overflowed, PassedThrough, or still
   * Queued. Refused is asserted as a sub-count of Delivered, like Pending (a refusal is the engine's answer to a
   * queued event, and the event is delivered through the queue with it).
   */
  @Test
  public void everyReceivedEventIsCountedOnce() {
    int total = 20;
    AppenderHarness h = fillTheQueue(total, Map.of("OVERFLOW_POLICY", "PASS_THROUGH"));
    // an event logged from within another's handling: queued or passed straight on, depending on
    // the framework
    Object noisy =
        new Object() {
          @Override
          public String toString() {
            h.log(Level.INFO, LOGGER, null, "from toString");
            return "noisy";
          }
        };
    h.log(Level.INFO, LOGGER, null, "with a {} argument", noisy);
    int logged = total + 2;
    assertThat(counter("Overflowed")).isPositive();
    assertThat(counter("Queued")).isPositive();
    assertInvariant(logged);
    ContractModel.openGate();
    waitFor("everything delivered", () -> counter("Queued") == 0);
    assertInvariant(logged);
    h.stop();
    assertThat(h.events()).hasSize(logged);
  }

  private static void assertInvariant(long logged) {
    long received = counter("Received");
    String counts =
        "Received="
            + received
            + " Delivered="
            + counter("Delivered")
            + " Overflowed="
            + counter("Overflowed")
            + " PassedThrough="
            + counter("PassedThrough")
            + " Queued="
            + counter("Queued");
    assertThat(received).as(counts).isEqualTo(logged);
    assertThat(
            counter("Delivered")
                + counter("Overflowed")
                + counter("PassedThrough")
                + counter("Queued"))
        .as(counts)
        .isEqualTo(received);
    assertThat(counter("Refused"))
        .as("a sub-count of Delivered")
        .isLessThanOrEqualTo(counter("Delivered"));
  }

  /**
   * Row 10: a new appender of a taken name (a reconfiguration) replaces the old registration, and the old one's
   * stop leaves the new one registered.
   */
  @Test
  public void aNewAppenderOfATakenNameReplacesTheOldRegistration() {
    AppenderHarness first = start(Scenario.RULES);
    first.log(Level.INFO, LOGGER, null, "to the first");
    first.log(Level.INFO, LOGGER, null, "to the first again");
    waitFor("the first appender counted two", () -> counter("Received") == 2);
    AppenderHarness second = start(Scenario.RULES);
    second.log(Level.INFO, LOGGER, null, "to the second");
    awaitEvents(second, 1);
    assertThat(counter("Received")).as("the MBean is the new appender's").isEqualTo(1);
    first.stop();
    assertThat(mbeanRegistered())
        .as("the old appender's stop leaves the new one's registration")
        .isTrue();
    assertThat(counter("Received")).isEqualTo(1);
    second.stop();
    assertThat(mbeanRegistered()).isFalse();
  }

  /** Row 10: the setting {@code jmx} (default true) turns the registration off. */
  @Test
  public void jmxCanBeTurnedOff() {
    AppenderHarness h = start(Scenario.NO_JMX);
    assertThat(mbeanRegistered()).isFalse();
    h.log(Level.ERROR, LOGGER, Failures.numberFormat("abc"), "still diagnosed");
    h.stop();
    assertThat(h.events().get(0).status()).isEqualTo("ok");
  }
}
