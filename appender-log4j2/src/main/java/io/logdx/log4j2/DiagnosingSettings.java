package io.logdx.log4j2;

import io.logdx.core.engine.Diagnoser;
import io.logdx.core.pipeline.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;

/** The validated settings of one {@code <Diagnosing>} appender. Immutable. */
record DiagnosingSettings(
    int queueSize,
    int workerThreads,
    double modelTimeShare,
    Duration timeBudget,
    List<String> appPackages,
    /** {@code null}: the JVM's default locale. */
    Locale locale,
    long cacheSize,
    String model,
    OverflowPolicy overflowPolicy,
    Duration maxBlock,
    Duration drainTimeout,
    Duration occurrenceWindow,
    Level level,
    List<String> includes,
    List<String> excludes,
    boolean followUps,
    boolean includeLocation,
    boolean jmx) {

  DiagnosingSettings {
    appPackages = List.copyOf(appPackages);
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
  }

  /** A builder of the engine with these settings. */
  Diagnoser.Builder diagnoserBuilder() {
    Diagnoser.Builder b = Diagnoser.builder()
        .model(model)
        .cacheSize(cacheSize)
        .workerThreads(workerThreads)
        .modelTimeShare(modelTimeShare)
        .appPackages(appPackages);
    if (locale != null) b.locale(locale);
    return b;
  }

  /** A comma-separated list, blanks dropped. */
  static List<String> list(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String s : text.split(",")) {
        if (!s.isBlank()) out.add(s.trim());
      }
    }
    return out;
  }

  /** Reads attribute values, reporting each unreadable one to the StatusLogger and falling back to its default. */
  static final class Reader {
    private final String appender;
    private final Logger status;

    Reader(String appender, Logger status) {
      this.appender = appender;
      this.status = status;
    }

    private void invalid(String attribute, Object value, Object fallback, String why) {
      status.warn("Diagnosing appender {}: {}=\"{}\" {}; using {}", appender, attribute, value, why, fallback);
    }

    int atLeast(String attribute, int value, int min, int fallback) {
      if (value >= min) return value;
      invalid(attribute, value, fallback, "must be at least " + min);
      return fallback;
    }

    long atLeast(String attribute, long value, long min, long fallback) {
      if (value >= min) return value;
      invalid(attribute, value, fallback, "must be at least " + min);
      return fallback;
    }

    double positive(String attribute, double value, double fallback) {
      if (value > 0) return value;
      invalid(attribute, value, fallback, "must be greater than 0");
      return fallback;
    }

    Duration duration(String attribute, String value, String fallback) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        invalid(attribute, value, fallback, "is " + e.getMessage());
        return Durations.parse(fallback);
      }
    }

    Duration positiveDuration(String attribute, String value, String fallback) {
      Duration d = duration(attribute, value, fallback);
      if (!d.isZero()) return d;
      invalid(attribute, value, fallback, "must be more than zero");
      return Durations.parse(fallback);
    }

    Locale locale(String value) {
      if (value == null || value.isBlank()) return null;
      try {
        Locale l = new Locale.Builder().setLanguageTag(value.trim().replace('_', '-')).build();
        if (!l.getLanguage().isEmpty()) return l;
      } catch (IllformedLocaleException e) {
        // reported below
      }
      invalid("locale", value, "the JVM's locale", "is not a language tag (ko, en, en-US)");
      return null;
    }

    OverflowPolicy overflowPolicy(String value) {
      String v = value == null ? "" : value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
      for (OverflowPolicy p : OverflowPolicy.values()) {
        if (p.name().equals(v)) return p;
      }
      invalid("overflowPolicy", value, OverflowPolicy.PASS_THROUGH, "is not one of " + java.util.Arrays.toString(OverflowPolicy.values()));
      return OverflowPolicy.PASS_THROUGH;
    }

    /** The threshold; {@code diagnoseWarn} (the Logback appender's setting) lowers a stricter one to WARN. */
    Level level(String value, boolean diagnoseWarn) {
      Level l = value == null ? null : Level.getLevel(value.trim().toUpperCase(Locale.ROOT));
      if (l == null) {
        invalid("level", value, Level.ERROR, "is not a level");
        l = Level.ERROR;
      }
      return diagnoseWarn && l.isMoreSpecificThan(Level.WARN) ? Level.WARN : l;
    }
  }
}
