package io.logdx.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.logdx.core.DiagnosisFields;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every contract class: a subclass in each appender module names its framework's harness, and runs
 * every test of the contract class against it. Contexts started here are stopped after each test.
 *
 * <p>Tests never assert on timings: they wait for conditions with bounded polling ({@link #waitFor}).
 */
public abstract class AppenderContract {
  /** The name of the diagnosing appender in every scenario. */
  public static final String APPENDER = "dx";

  /** The logger most tests log to. */
  public static final String LOGGER = "com.acme.Payments";

  private final List<AppenderHarness> harnesses = new ArrayList<>();

  /** A new, unstarted harness of the framework under test. */
  protected abstract AppenderHarness newHarness();

  @BeforeEach
  void resetTheModel() {
    ContractModel.reset();
  }

  @AfterEach
  void stopEveryContext() {
    // a context stopping while the stand-in model waits would wait with it
    ContractModel.openGate();
    for (AppenderHarness h : harnesses) {
      h.close();
    }
    harnesses.clear();
    ContractModel.reset();
  }

  /** Starts a context from the scenario with its default properties. */
  protected AppenderHarness start(Scenario scenario) {
    return start(scenario, Map.of());
  }

  /** Starts a context from the scenario with these properties. */
  protected AppenderHarness start(Scenario scenario, Map<String, String> properties) {
    AppenderHarness h = newHarness();
    harnesses.add(h);
    h.start(scenario, properties);
    return h;
  }

  /**
   * Starts {@link Scenario#STAND_IN} with the model gated (it answers only once the gate opens), a queue of 4, no
   * cache, a drain timeout of 10 s and these overflow settings, then logs {@code n} errors of one failure on the
   * calling thread, with the messages {@code e0}, {@code e1}... The queue and the in-flight window hold at most 8.
   */
  protected AppenderHarness fillTheQueue(int n, Map<String, String> overflowSettings) {
    ContractModel.mode(ContractModel.Mode.GATED);
    Map<String, String> properties = new HashMap<>(overflowSettings);
    properties.put("QUEUE_SIZE", "4");
    properties.put("CACHE_SIZE", "0");
    properties.put("DRAIN_TIMEOUT", "10000");
    AppenderHarness h = start(Scenario.STAND_IN, properties);
    for (int i = 0; i < n; i++) {
      // each from a thread of its own: a thread whose own events are still queued delivers them
      // before its next one rather than overflow (PerThreadOrderContract); one with nothing queued
      // is what overflows
      Throwable t = new IllegalStateException("card service closed");
      int seq = i;
      onAThreadOfItsOwn(() -> h.log(Level.ERROR, LOGGER, t, "e{}", seq));
    }
    return h;
  }

  /** Runs a logging call on a new thread and waits for it (at most 20 s). */
  protected static void onAThreadOfItsOwn(Runnable call) {
    Thread t = new Thread(call, "contract-logging-thread");
    t.start();
    try {
      t.join(20_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    if (t.isAlive()) throw new AssertionError("a logging call did not return within 20 s");
  }

  /** Waits (at most 20 s, polling) until the condition holds; fails the test otherwise. */
  protected static void waitFor(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) throw new AssertionError("not within 20 s: " + what);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Waits until the JSON file holds {@code n} events, and returns them. */
  protected static List<WrittenEvent> awaitEvents(AppenderHarness h, int n) {
    waitFor(n + " events written", () -> h.events().size() >= n);
    return h.events();
  }

  // ---------------------------------------------------------------- JMX, by name through the
  // platform MBeanServer

  /** {@code io.logdx:type=DiagnosingAppender,name=dx}. */
  protected static ObjectName mbeanName() {
    try {
      return new ObjectName("io.logdx:type=DiagnosingAppender,name=" + APPENDER);
    } catch (JMException e) {
      throw new AssertionError(e);
    }
  }

  protected static boolean mbeanRegistered() {
    return server().isRegistered(mbeanName());
  }

  /** An attribute of the appender's MBean. */
  protected static Object jmx(String attribute) {
    try {
      return server().getAttribute(mbeanName(), attribute);
    } catch (JMException e) {
      throw new AssertionError("MBean attribute " + attribute + ": " + e, e);
    }
  }

  /** A counter of the appender's MBean (long or int attributes). */
  protected static long counter(String attribute) {
    return ((Number) jmx(attribute)).longValue();
  }

  /** The names of the MBean's attributes. */
  protected static Set<String> mbeanAttributes() {
    try {
      Set<String> out = new TreeSet<>();
      for (var a : server().getMBeanInfo(mbeanName()).getAttributes()) out.add(a.getName());
      return out;
    } catch (JMException e) {
      throw new AssertionError(e);
    }
  }

  private static MBeanServer server() {
    return ManagementFactory.getPlatformMBeanServer();
  }

  // ---------------------------------------------------------------- fields

  /** Every field name of {@link DiagnosisFields}. */
  protected static Set<String> diagnosisFieldNames() {
    Set<String> names = new TreeSet<>();
    for (Field f : DiagnosisFields.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers())
          && f.getType() == String.class
          && !f.getName().equals("NAMESPACE")) {
        try {
          names.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return names;
  }

  /** The message of each event, in order. */
  protected static List<String> messages(List<WrittenEvent> events) {
    return events.stream().map(WrittenEvent::message).toList();
  }

  /** The first event with this message. */
  protected static WrittenEvent event(List<WrittenEvent> events, String message) {
    return events.stream()
        .filter(e -> message.equals(e.message()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event [" + message + "] in " + events));
  }

  /** The columns of a line of {@code pattern.log} (see {@link Scenario#PATTERN}). */
  protected static String[] columns(String patternLine) {
    String[] c = patternLine.split("\\|", -1);
    assertThat(c).as(patternLine).hasSize(8);
    return c;
  }
}
