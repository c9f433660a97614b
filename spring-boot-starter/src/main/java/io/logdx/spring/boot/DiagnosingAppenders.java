package io.logdx.spring.boot;

import io.logdx.core.pipeline.DiagnosingAppenderMXBean;
import io.logdx.core.pipeline.SeenFailures;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.util.ClassUtils;

/**
 * The logdx diagnosing appender on the root logger now, the starter's or the user's own, whichever framework is in
 * charge; looked up on each call, so that the meters and the endpoint follow a logging re-initialisation.
 */
final class DiagnosingAppenders {
  private static final ClassLoader LOADER = DiagnosingAppenders.class.getClassLoader();
  private static final boolean LOGBACK =
      ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", LOADER)
          && ClassUtils.isPresent("io.logdx.logback.DiagnosingAppender", LOADER);
  private static final boolean LOG4J2 =
      ClassUtils.isPresent("org.apache.logging.log4j.core.LoggerContext", LOADER)
          && ClassUtils.isPresent("io.logdx.log4j2.DiagnosingAppender", LOADER);

  private DiagnosingAppenders() {}

  /**
   * What the starter reads of a diagnosing appender, framework-neutral: both appenders have the same accessors,
   * each view is made of one appender's.
   */
  static final class View {
    private final Supplier<SeenFailures> failures;
    private final Supplier<DiagnosingAppenderMXBean> stats;
    private final LongSupplier modelRuns;
    private final LongSupplier modelTimeNanos;
    private final LongSupplier cachedDiagnoses;

    View(
        Supplier<SeenFailures> failures,
        Supplier<DiagnosingAppenderMXBean> stats,
        LongSupplier modelRuns,
        LongSupplier modelTimeNanos,
        LongSupplier cachedDiagnoses) {
      this.failures = failures;
      this.stats = stats;
      this.modelRuns = modelRuns;
      this.modelTimeNanos = modelTimeNanos;
      this.cachedDiagnoses = cachedDiagnoses;
    }

    /** The distinct failures it handed on, and its listeners. */
    SeenFailures failures() {
      return failures.get();
    }

    /** Its counters (the MBean's). */
    DiagnosingAppenderMXBean stats() {
      return stats.get();
    }

    /** Model runs of its engine since start. */
    long modelRuns() {
      return modelRuns.getAsLong();
    }

    /** Wall time of those runs, in nanoseconds. */
    long modelTimeNanos() {
      return modelTimeNanos.getAsLong();
    }

    /** Diagnoses its engine has cached now. */
    long cachedDiagnoses() {
      return cachedDiagnoses.getAsLong();
    }
  }

  /** The diagnosing appender on the root logger, if there is one. Never throws. */
  static Optional<View> current() {
    try {
      if (LOGBACK) {
        Optional<View> v = Logback.find();
        if (v.isPresent()) return v;
      }
      if (LOG4J2) return Log4j2.find();
    } catch (RuntimeException | LinkageError e) {
      // a logging system in a state the starter does not know: nothing to show rather than an
      // error
    }
    return Optional.empty();
  }

  /** Loaded only when Logback is on the class path. */
  private static final class Logback {
    static Optional<View> find() {
      if (!(org.slf4j.LoggerFactory.getILoggerFactory()
          instanceof ch.qos.logback.classic.LoggerContext context)) return Optional.empty();
      ch.qos.logback.classic.Logger root =
          context.getLogger(ch.qos.logback.classic.Logger.ROOT_LOGGER_NAME);
      for (Iterator<ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it =
              root.iteratorForAppenders();
          it.hasNext(); ) {
        if (it.next() instanceof io.logdx.logback.DiagnosingAppender d) {
          return Optional.of(
              new View(
                  d::failures,
                  d::getStats,
                  () -> d.getEngineStats().computed(),
                  d::getModelTimeNanos,
                  d::getCachedDiagnoses));
        }
      }
      return Optional.empty();
    }
  }

  /** Loaded only when log4j-core is on the class path. */
  private static final class Log4j2 {
    static Optional<View> find() {
      if (!(org.apache.logging.log4j.LogManager.getContext(false)
          instanceof org.apache.logging.log4j.core.LoggerContext context)) return Optional.empty();
      for (org.apache.logging.log4j.core.Appender a :
          context.getConfiguration().getRootLogger().getAppenders().values()) {
        if (a instanceof io.logdx.log4j2.DiagnosingAppender d) {
          return Optional.of(
              new View(
                  d::failures,
                  d::getStats,
                  () -> d.getEngineStats().computed(),
                  d::getModelTimeNanos,
                  d::getCachedDiagnoses));
        }
      }
      return Optional.empty();
    }
  }
}
