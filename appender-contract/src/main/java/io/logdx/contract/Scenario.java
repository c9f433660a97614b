package io.logdx.contract;

/**
 * A configuration the contract starts, written once per framework as an XML file in the appender module's test
 * resources ({@code logback-contract-<id>.xml}, {@code log4j2-contract-<id>.xml}). Every file names the diagnosing
 * appender {@value AppenderContract#APPENDER}, wraps a JSON file appender with the framework's real encoder
 * ({@code events.json}) and, where the scenario says so, a pattern appender ({@code pattern.log}, pattern
 * {@link #PATTERN}) in the folder the harness gives as {@code OUT_DIR}, and reads the settings below from
 * properties (each with the default named).
 */
public enum Scenario {
  /**
   * The rules as stage 1 (no model file): {@code MODEL} (rules), {@code LOCALE} (en), {@code APP_PACKAGES}
   * ({@code io.logdx.contract.app}), {@code EXCLUDES} ({@code java.lang.UnsupportedOperationException}); a time
   * budget of 10 s, a queue of 100000 and overflow policy BLOCK, so that nothing here is pending or overflows.
   */
  RULES("rules", false),
  /**
   * The {@link ContractModel} as stage 1, whose behaviour the test chooses: {@code TIME_BUDGET} (ms, 30000),
   * {@code QUEUE_SIZE} (1024), {@code CACHE_SIZE} (10000), {@code DRAIN_TIMEOUT} (ms, 5000), {@code FOLLOW_UPS}
   * (true), {@code OVERFLOW_POLICY} (PASS_THROUGH), {@code MAX_BLOCK} (ms, 100), {@code OVERFLOW_WARN_EVERY} (1000),
   * {@code MODEL_TIME_SHARE} (1000, no limit in practice), {@code DIAGNOSE_WARN} (false), {@code MAX_FIELD_LENGTH}
   * (2048); locale en, app packages {@code io.logdx.contract.app}, excludes
   * {@code java.lang.UnsupportedOperationException}.
   */
  STAND_IN("stand-in", true),
  /** As {@link #RULES} with its defaults, and the setting {@code jmx} false. */
  NO_JMX("no-jmx", false),
  /**
   * As {@link #RULES} with its defaults, wrapping the JSON file appender and, after it, a test appender of the
   * framework's that throws {@code IllegalStateException(}{@value ProblemReportContract#SINK_FAILURE}{@code )} on
   * every event, as a broken disk or network appender would (in Log4j2 with {@code ignoreExceptions="false"}).
   */
  FAILING_SINK("failing-sink", false),
  /**
   * The rules and every other setting at its default, wrapping the JSON file appender and, after it, a test
   * appender of the framework's that throws, for an event whose message contains
   * {@value WrappedAppenderErrorContract#TRIGGER}, the {@code Error} named by the property {@code ERROR}
   * ({@code StackOverflowError}, {@code AssertionError}, {@code OutOfMemoryError}; see
   * {@link WrappedAppenderErrorContract#syntheticError}); in Log4j2 with the default {@code ignoreExceptions} and
   * Log4j's own error handler, as a real appender has them.
   */
  FAILING_ONCE("failing-once", false),
  /** The rules and every other setting at its default (the dispatcher's stack included); the JSON file only. */
  DEEP_CHAIN("deep-chain", false),
  /** As {@link #DEEP_CHAIN}, with the dispatcher's stack set to its smallest, {@code dispatcherStackSize} 1m. */
  DEEP_CHAIN_SMALL_STACK("deep-chain-small-stack", false),
  /**
   * The rules, wrapping the JSON file appender and, after it, a test appender of the framework's that parks the
   * delivering thread {@code SLOW_MICROS} µs (100) per event, so that the dispatcher falls behind unpaced logging
   * threads: {@code QUEUE_SIZE} (16), {@code OVERFLOW_POLICY} (PASS_THROUGH), {@code MAX_BLOCK} (ms, 100).
   */
  SLOW_SINK("slow-sink", false);

  /**
   * The pattern of {@code pattern.log}, columns separated by {@code |}: level, logger, message, {@code %diagnosis},
   * {@code %dx{category}}, {@code %dx{diagnosis.root_cause.type}}, {@code %dx{category,none}},
   * {@code %dx{event_id,-}}. The framework's own syntax of it is in each XML file.
   */
  public static final String PATTERN =
      "%level|%logger|%msg|%diagnosis|%dx{category}|%dx{diagnosis.root_cause.type}"
          + "|%dx{category,none}|%dx{event_id,-}%n";

  private final String id;
  private final boolean standInModel;

  Scenario(String id, boolean standInModel) {
    this.id = id;
    this.standInModel = standInModel;
  }

  /** The part of the XML file's name that names the scenario. */
  public String id() {
    return id;
  }

  /**
   * Whether stage 1 is the {@link ContractModel}. A framework whose appender takes a classifier in XML names it
   * there; one that cannot (Log4j2's {@code <Diagnosing>} today) installs it through its module's test seam.
   */
  public boolean standInModel() {
    return standInModel;
  }
}
