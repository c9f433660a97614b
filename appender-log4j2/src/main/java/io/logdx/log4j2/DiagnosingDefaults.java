package io.logdx.log4j2;

import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.DiagnosisPipeline;
import io.logdx.core.pipeline.OverflowPolicy;

/**
 * Defaults of the {@code <Diagnosing>} appender's attributes. Each one can be changed for the whole JVM with a
 * system property {@code logdx.log4j2.<attribute>} (for example {@code -Dlogdx.log4j2.queueSize=4096}); an
 * attribute written in {@code log4j2.xml} wins over the property. Unreadable property values are ignored.
 *
 * <p>Durations are written as a number of milliseconds ({@code 50}), with a unit ({@code 50ms}, {@code 2s},
 * {@code 1m}) or in ISO-8601 ({@code PT2S}).
 */
public final class DiagnosingDefaults {
  /** Prefix of the system properties: {@value}. */
  public static final String PROPERTY_PREFIX = "logdx.log4j2.";

  private DiagnosingDefaults() {}

  /** Capacity of the appender's queue; default {@value DiagnosisPipeline#DEFAULT_QUEUE_SIZE}. */
  public static int getQueueSize() {
    return intProperty("queueSize", DiagnosisPipeline.DEFAULT_QUEUE_SIZE);
  }

  /** Threads that run the models; default {@value Diagnoser.Builder#DEFAULT_WORKER_THREADS}. */
  public static int getWorkerThreads() {
    return intProperty("workerThreads", Diagnoser.Builder.DEFAULT_WORKER_THREADS);
  }

  /**
   * Share of one core that model runs may take on average; default
   * {@value Diagnoser.Builder#DEFAULT_MODEL_TIME_SHARE}.
   */
  public static double getModelTimeShare() {
    double share = doubleProperty("modelTimeShare", Diagnoser.Builder.DEFAULT_MODEL_TIME_SHARE);
    return share > 0 ? share : Diagnoser.Builder.DEFAULT_MODEL_TIME_SHARE;
  }

  /** Longest wait for one event's diagnosis; default {@value DiagnosisPipeline#DEFAULT_TIME_BUDGET_MILLIS} ms. */
  public static String getTimeBudget() {
    return property("timeBudget", DiagnosisPipeline.DEFAULT_TIME_BUDGET_MILLIS + "ms");
  }

  /** Package prefixes of the application, comma-separated; default none. */
  public static String getAppPackages() {
    return property("appPackages", "");
  }

  /** Language of cause and fix ({@code ko}, {@code en}); default the JVM's locale (empty). */
  public static String getLocale() {
    return property("locale", "");
  }

  /** Cached fingerprints; default {@value Diagnoser.Builder#DEFAULT_CACHE_SIZE}. */
  public static long getCacheSize() {
    return longProperty("cacheSize", Diagnoser.Builder.DEFAULT_CACHE_SIZE);
  }

  /** Model location; default {@value Diagnoser.Builder#DEFAULT_MODEL} (the shipped model, else the rules). */
  public static String getModel() {
    return property("model", Diagnoser.Builder.DEFAULT_MODEL);
  }

  /** What a logging thread does on a full queue; default {@code PASS_THROUGH}. */
  public static String getOverflowPolicy() {
    return property("overflowPolicy", OverflowPolicy.PASS_THROUGH.name());
  }

  /** Longest wait of a logging thread under {@code BLOCK}; default {@value DiagnosisPipeline#DEFAULT_MAX_BLOCK_MILLIS} ms. */
  public static String getMaxBlock() {
    return property("maxBlock", DiagnosisPipeline.DEFAULT_MAX_BLOCK_MILLIS + "ms");
  }

  /** Bound of the drain on stop; default {@value DiagnosisPipeline#DEFAULT_DRAIN_TIMEOUT_MILLIS} ms. */
  public static String getDrainTimeout() {
    return property("drainTimeout", DiagnosisPipeline.DEFAULT_DRAIN_TIMEOUT_MILLIS + "ms");
  }

  /** Sliding window of {@code diagnosis.occurrences}; default {@value DiagnosisPipeline#DEFAULT_OCCURRENCE_WINDOW_SECONDS} s. */
  public static String getOccurrenceWindow() {
    return property("occurrenceWindow", DiagnosisPipeline.DEFAULT_OCCURRENCE_WINDOW_SECONDS + "s");
  }

  /** Least severe level that is diagnosed; default {@code ERROR} ({@code WARN} to diagnose warnings too). */
  public static String getLevel() {
    return property("level", "ERROR");
  }

  /** Whether WARN events are diagnosed too (lowers {@link #getLevel()} to WARN); default false. */
  public static boolean isDiagnoseWarn() {
    return booleanProperty("diagnoseWarn", false);
  }

  /** Exception types to diagnose, comma-separated; default all. */
  public static String getIncludes() {
    return property("includes", "");
  }

  /** Exception types never diagnosed, comma-separated; default none. */
  public static String getExcludes() {
    return property("excludes", "");
  }

  /** Whether late diagnoses are written as follow-up events; default true. */
  public static boolean isFollowUps() {
    return booleanProperty("followUps", true);
  }

  /** Whether caller location is captured on the logging thread (costly); default false, as in AsyncAppender. */
  public static boolean isIncludeLocation() {
    return booleanProperty("includeLocation", false);
  }

  /** Whether the counters are registered as an MBean; default true. */
  public static boolean isJmx() {
    return booleanProperty("jmx", true);
  }

  static String property(String name, String fallback) {
    try {
      String v = System.getProperty(PROPERTY_PREFIX + name);
      return v == null || v.isBlank() ? fallback : v.trim();
    } catch (SecurityException e) {
      return fallback;
    }
  }

  private static int intProperty(String name, int fallback) {
    try {
      return Integer.parseInt(property(name, Integer.toString(fallback)));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static long longProperty(String name, long fallback) {
    try {
      return Long.parseLong(property(name, Long.toString(fallback)));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static double doubleProperty(String name, double fallback) {
    try {
      return Double.parseDouble(property(name, Double.toString(fallback)));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static boolean booleanProperty(String name, boolean fallback) {
    String v = property(name, Boolean.toString(fallback));
    if ("true".equalsIgnoreCase(v)) return true;
    if ("false".equalsIgnoreCase(v)) return false;
    return fallback;
  }
}
