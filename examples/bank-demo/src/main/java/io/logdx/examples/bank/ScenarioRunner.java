package io.logdx.examples.bank;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/** Runs scenarios one after the other, each under its id in the MDC key {@value #MDC_KEY}. */
public final class ScenarioRunner {
  /** MDC key naming the scenario; the summary finds each scenario's events in the JSON log by it. */
  public static final String MDC_KEY = "scenario";

  private ScenarioRunner() {}

  /**
   * Provokes every scenario. A scenario whose set-up breaks (a step that should have succeeded failed) is
   * reported on standard error and the others go on.
   *
   * @return the scenarios whose set-up broke, by id, with what broke
   */
  public static Map<String, String> runAll(Bank bank, List<Scenario> scenarios) {
    Map<String, String> broken = new LinkedHashMap<>();
    for (Scenario s : scenarios) {
      MDC.put(MDC_KEY, s.id());
      try {
        for (int i = 0; i < s.times(); i++) {
          s.action().provoke(bank);
        }
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        System.err.println("scenario " + s.id() + " could not be set up: " + e);
        broken.put(s.id(), e.getMessage());
      } finally {
        MDC.remove(MDC_KEY);
      }
    }
    return broken;
  }
}
