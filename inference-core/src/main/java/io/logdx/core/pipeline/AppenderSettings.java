package io.logdx.core.pipeline;

import io.logdx.core.engine.Diagnoser;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The settings of a diagnosing appender, the same for Logback and Log4j2: every setting's name, default and
 * validation, and the parsing of their text forms (lists, durations, locales), written once. Immutable; made by
 * one {@link Builder}. The Logback setters and the Log4j2 builder attributes only forward text to
 * {@link Builder#set}; settings that follow from one framework (Logback's {@code attachTo} and
 * {@code includeCallerData}, Log4j2's {@code level} and {@code includeLocation}) stay with its appender.
 *
 * <p>An unreadable value never stops the appender: the builder reports it (name, value, why) to the problem
 * channel it was given, the framework's status channel, and keeps the value it had (the default, unless set
 * before).
 */
public final class AppenderSettings {
  /** Default queue capacity: {@value}. */
  public static final int DEFAULT_QUEUE_SIZE = 1024;

  /**
   * Default time one event waits on the dispatcher for its diagnosis before it goes on as pending, in
   * milliseconds: {@value}. Not the engine's budget of a synchronous diagnosis
   * ({@link Diagnoser.Builder#DEFAULT_TIME_BUDGET_MILLIS}): an event must not be held up for as long as a caller
   * that asked for an answer may wait. Cache hits add no waiting.
   */
  public static final long DEFAULT_EVENT_TIME_BUDGET_MILLIS = 50;

  /** Default longest wait of a logging thread under {@link OverflowPolicy#BLOCK}, in milliseconds: {@value}. */
  public static final long DEFAULT_MAX_BLOCK_MILLIS = 100;

  /** Default bound of the drain on stop, in milliseconds: {@value}. */
  public static final long DEFAULT_DRAIN_TIMEOUT_MILLIS = 5_000;

  /** Default sliding window of {@code diagnosis.occurrences}, in seconds: {@value}. */
  public static final long DEFAULT_OCCURRENCE_WINDOW_SECONDS = 60;

  /**
   * Default longest field value in characters: {@value}. A root-cause message can be far longer (the engine keeps
   * up to 64 K); the event's own message already carries it in full, so the field holds its beginning.
   */
  public static final int DEFAULT_MAX_FIELD_LENGTH = 2048;

  /** Shortest field length that may be set (other than 0, uncut): {@value}. */
  public static final int MIN_MAX_FIELD_LENGTH = 64;

  /** Default: a status warning on the first overflowing event and then once every {@value} of them. */
  public static final int DEFAULT_OVERFLOW_WARN_EVERY = 1000;

  /**
   * Default stack of logdx's dispatcher thread, which runs the wrapped appenders: {@value} bytes (16 MiB), deeper
   * than an application thread's (1 MiB by default, 8 MiB for a main thread on Linux), so that whatever the
   * application's thread could write (an encoder recursing once per cause of a 5 000-deep chain, say), logdx's
   * thread can. Reserved address space, not memory: pages are committed only as deep as the stack grows.
   */
  public static final long DEFAULT_DISPATCHER_STACK_SIZE = 16L << 20;

  /** Smallest dispatcher stack accepted: {@value} bytes (the JVM's default for a new thread). */
  public static final long MIN_DISPATCHER_STACK_SIZE = 1L << 20;

  /**
   * What a logging thread does when the appender's queue is full. Under every policy, each thread's events are
   * handed on in the order it logged them: a thread whose own earlier events are still queued or in flight first
   * hands on the events ahead of them (enriched when their diagnosis is ready; pending with a follow-up when the
   * dispatcher has started it; otherwise with status overflow) and then queues its event in the room that made;
   * the policy decides for a thread with nothing in the pipeline, whose event goes on at once, ahead of other
   * threads' queued events but never of its own. Nothing is dropped. Such a thread's work is one hand-on per event
   * ahead of its own (twice {@code queueSize} at most) and never includes a model run.
   */
  public enum OverflowPolicy {
    /**
     * The event goes on at once, on the logging thread, unenriched, with {@code diagnosis.status=overflow}. The
     * Log4j2 appender's default.
     */
    PASS_THROUGH,
    /** The logging thread waits for room (at most {@code maxBlock}), then goes on as {@link #PASS_THROUGH}. */
    BLOCK,
    /**
     * Logging threads share the dispatcher's work as the load demands, so that an exception storm of known
     * failures stays enriched: with the queue more than a quarter full, a logging thread parses its event's
     * throwable and takes the diagnosis from the cache itself (a few microseconds, never a model run); a thread
     * about to hand on the events ahead of its own first does the same for them, alongside the other threads; a
     * thread with nothing in the pipeline enriches its event itself when its failure is already diagnosed, and
     * otherwise passes it on as {@link #PASS_THROUGH} does, starting the diagnosis for the next occurrences. The
     * Logback appender's default, where the event has turned the stack into elements already; a Log4j2 event has
     * not, and the logging thread pays for that too (see benchmarks/RESULTS.md).
     */
    ENRICH_CACHED
  }

  /** When stage 1's model loads: see {@link Diagnoser.Builder#loadInBackground}. */
  public enum ModelLoading {
    /** Before the appender starts (the default): the first diagnosis already comes from the model. */
    BLOCKING,
    /**
     * On a background thread: the appender starts at once, the rules answer until the model is in
     * ({@code diagnosis.model} says so). The Spring Boot starter's default, so that the host's start does not wait.
     */
    BACKGROUND
  }

  private final int queueSize;
  private final int workerThreads;
  private final double modelTimeShare;
  private final Duration timeBudget;
  private final Duration maxBlock;
  private final Duration drainTimeout;
  private final Duration occurrenceWindow;
  private final List<String> appPackages;
  private final Locale locale;
  private final long cacheSize;
  private final String model;
  private final ModelLoading modelLoading;
  private final OverflowPolicy overflowPolicy;
  private final boolean diagnoseWarn;
  private final List<String> includes;
  private final List<String> excludes;
  private final boolean followUps;
  private final int maxFieldLength;
  private final int overflowWarnEvery;
  private final boolean jmx;
  private final long dispatcherStackSize;

  private AppenderSettings(Builder b) {
    this.queueSize = b.queueSize;
    this.workerThreads = b.workerThreads;
    this.modelTimeShare = b.modelTimeShare;
    this.timeBudget = b.timeBudget;
    this.maxBlock = b.maxBlock;
    this.drainTimeout = b.drainTimeout;
    this.occurrenceWindow = b.occurrenceWindow;
    this.appPackages = List.copyOf(b.appPackages);
    this.locale = b.locale;
    this.cacheSize = b.cacheSize;
    this.model = b.model;
    this.modelLoading = b.modelLoading;
    this.overflowPolicy = b.overflowPolicy;
    this.diagnoseWarn = b.diagnoseWarn;
    this.includes = List.copyOf(b.includes);
    this.excludes = List.copyOf(b.excludes);
    this.followUps = b.followUps;
    this.maxFieldLength = b.maxFieldLength;
    this.overflowWarnEvery = b.overflowWarnEvery;
    this.jmx = b.jmx;
    this.dispatcherStackSize = b.dispatcherStackSize;
  }

  /**
   * A builder with every default.
   *
   * @param problems where unreadable values are reported (one line each; the framework's status channel)
   * @param overflowPolicy the framework's default overflow policy (see {@link OverflowPolicy})
   */
  public static Builder builder(Consumer<String> problems, OverflowPolicy overflowPolicy) {
    return new Builder(problems, overflowPolicy);
  }

  /** Capacity of the queue between logging threads and the dispatcher. */
  public int queueSize() {
    return queueSize;
  }

  /** Threads that run the models. */
  public int workerThreads() {
    return workerThreads;
  }

  /** Share of one core that diagnosing never-seen failures may take on average. */
  public double modelTimeShare() {
    return modelTimeShare;
  }

  /** How long the dispatcher waits for one event's diagnosis before the event goes on as pending. */
  public Duration timeBudget() {
    return timeBudget;
  }

  /** Longest wait of a logging thread on a full queue under {@link OverflowPolicy#BLOCK}. */
  public Duration maxBlock() {
    return maxBlock;
  }

  /** Bound of the drain on stop. */
  public Duration drainTimeout() {
    return drainTimeout;
  }

  /** Sliding window of {@code diagnosis.occurrences}. */
  public Duration occurrenceWindow() {
    return occurrenceWindow;
  }

  /** Package prefixes of the application's own code. */
  public List<String> appPackages() {
    return appPackages;
  }

  /** Language of cause and fix; {@code null}: the JVM's default (English when it is neither Korean nor English). */
  public Locale locale() {
    return locale;
  }

  /** Cached fingerprints at most; 0 disables the cache. */
  public long cacheSize() {
    return cacheSize;
  }

  /** Where stage 1 comes from ({@code default}, {@code rules}, a {@code classpath:} or file-system folder). */
  public String model() {
    return model;
  }

  /** When the model loads: before the appender starts, or in the background with the rules standing in. */
  public ModelLoading modelLoading() {
    return modelLoading;
  }

  public OverflowPolicy overflowPolicy() {
    return overflowPolicy;
  }

  /** Whether WARN events with a throwable are diagnosed too (otherwise ERROR only). */
  public boolean diagnoseWarn() {
    return diagnoseWarn;
  }

  /** Exception types to diagnose (empty: all). */
  public List<String> includes() {
    return includes;
  }

  /** Exception types never diagnosed; they win over includes. */
  public List<String> excludes() {
    return excludes;
  }

  /** Whether a diagnosis that missed the time budget is written later as a follow-up event. */
  public boolean followUps() {
    return followUps;
  }

  /** Longest field value in characters (0: uncut). */
  public int maxFieldLength() {
    return maxFieldLength;
  }

  /** A status warning on the first overflowing event and then once every this many (0: the first only). */
  public int overflowWarnEvery() {
    return overflowWarnEvery;
  }

  /** Whether the counters are registered as an MBean. */
  public boolean jmx() {
    return jmx;
  }

  /** Stack size of the dispatcher thread in bytes (see {@link #DEFAULT_DISPATCHER_STACK_SIZE}). */
  public long dispatcherStackSize() {
    return dispatcherStackSize;
  }

  /** Every setting as {@code name=value}, in the order of the builder's names. */
  @Override
  public String toString() {
    return "queueSize="
        + queueSize
        + ", workerThreads="
        + workerThreads
        + ", modelTimeShare="
        + modelTimeShare
        + ", timeBudget="
        + timeBudget.toMillis()
        + "ms, maxBlock="
        + maxBlock.toMillis()
        + "ms, drainTimeout="
        + drainTimeout.toMillis()
        + "ms, occurrenceWindow="
        + occurrenceWindow.toMillis()
        + "ms, appPackages="
        + String.join(",", appPackages)
        + ", locale="
        + (locale == null ? "" : locale.toLanguageTag())
        + ", cacheSize="
        + cacheSize
        + ", model="
        + model
        + ", modelLoading="
        + modelLoading.name().toLowerCase(Locale.ROOT)
        + ", overflowPolicy="
        + overflowPolicy
        + ", diagnoseWarn="
        + diagnoseWarn
        + ", includes="
        + String.join(",", includes)
        + ", excludes="
        + String.join(",", excludes)
        + ", followUps="
        + followUps
        + ", maxFieldLength="
        + maxFieldLength
        + ", overflowWarnEvery="
        + overflowWarnEvery
        + ", jmx="
        + jmx
        + ", dispatcherStackSize="
        + size(dispatcherStackSize);
  }

  // ---------------------------------------------------------------- parsing, in one place

  /** A list setting: items separated by commas and/or white space, empty items dropped. */
  public static List<String> list(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String s : text.split("[,\\s]+")) {
        if (!s.isEmpty()) out.add(s);
      }
    }
    return out;
  }

  /**
   * A duration: {@code 250} (milliseconds), {@code 250ms}, {@code 2s}, {@code 1m} or ISO-8601 ({@code PT2S}).
   *
   * @throws IllegalArgumentException when the text is not a non-negative duration in one of these forms
   */
  static Duration duration(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("is empty");
    String t = text.trim().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (t.startsWith("p")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
      } else if (t.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      } else if (t.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).trim()));
      } else {
        d = Duration.ofMillis(Long.parseLong(t));
      }
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("is not a duration (write 250, 250ms, 2s, 1m or PT2S)");
    }
    if (d.isNegative()) throw new IllegalArgumentException("is negative");
    return d;
  }

  /**
   * A size in bytes: {@code 16777216}, or with a binary suffix {@code 512k}, {@code 16m}, {@code 1g} (any case,
   * an optional {@code b}: {@code 16MB}).
   *
   * @throws IllegalArgumentException when the text is not a non-negative size in one of these forms
   */
  static long bytes(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("is empty");
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("b")) t = t.substring(0, t.length() - 1).trim();
    int shift = 0;
    if (t.endsWith("k")) shift = 10;
    else if (t.endsWith("m")) shift = 20;
    else if (t.endsWith("g")) shift = 30;
    if (shift > 0) t = t.substring(0, t.length() - 1).trim();
    long v;
    try {
      v = Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is not a size (write 16777216, 512k, 16m or 1g)");
    }
    if (v < 0) throw new IllegalArgumentException("is negative");
    if (v > (Long.MAX_VALUE >> shift)) throw new IllegalArgumentException("is too large");
    return v << shift;
  }

  /** A size as the shortest exact text {@link #bytes} reads back: {@code 16m}, {@code 1536k}, {@code 1000}. */
  static String size(long bytes) {
    if (bytes != 0 && bytes % (1L << 30) == 0) return (bytes >> 30) + "g";
    if (bytes != 0 && bytes % (1L << 20) == 0) return (bytes >> 20) + "m";
    if (bytes != 0 && bytes % (1L << 10) == 0) return (bytes >> 10) + "k";
    return Long.toString(bytes);
  }

  /**
   * A diagnosis language: {@code ko} or {@code en} in any case, also with a region ({@code ko-KR}, {@code en_US}),
   * normalised to the language; {@code null} for an empty text (the JVM's default).
   *
   * @throws IllegalArgumentException for anything else
   */
  static Locale locale(String text) {
    if (text == null || text.isBlank()) return null;
    String lang = text.trim().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
    if (lang.equals("ko")) return Locale.KOREAN;
    if (lang.equals("en")) return Locale.ENGLISH;
    throw new IllegalArgumentException(
        "is not a diagnosis language (ko, en, or empty for the JVM's)");
  }

  /**
   * Builds {@link AppenderSettings}. Every setter takes the text form of one setting by its name, as written in
   * {@code logback.xml} or {@code log4j2.xml}; an unreadable value is reported and the value kept as it was.
   * Not thread-safe: a configuration sets it up on one thread.
   */
  public static final class Builder {
    private final Consumer<String> problems;
    private int queueSize = DEFAULT_QUEUE_SIZE;
    private int workerThreads = Diagnoser.Builder.DEFAULT_WORKER_THREADS;
    private double modelTimeShare = Diagnoser.Builder.DEFAULT_MODEL_TIME_SHARE;
    private Duration timeBudget = Duration.ofMillis(DEFAULT_EVENT_TIME_BUDGET_MILLIS);
    private Duration maxBlock = Duration.ofMillis(DEFAULT_MAX_BLOCK_MILLIS);
    private Duration drainTimeout = Duration.ofMillis(DEFAULT_DRAIN_TIMEOUT_MILLIS);
    private Duration occurrenceWindow = Duration.ofSeconds(DEFAULT_OCCURRENCE_WINDOW_SECONDS);
    private final List<String> appPackages = new ArrayList<>();
    private Locale locale;
    private long cacheSize = Diagnoser.Builder.DEFAULT_CACHE_SIZE;
    private String model = Diagnoser.Builder.DEFAULT_MODEL;
    private ModelLoading modelLoading = ModelLoading.BLOCKING;
    private OverflowPolicy overflowPolicy;
    private boolean diagnoseWarn;
    private final List<String> includes = new ArrayList<>();
    private final List<String> excludes = new ArrayList<>();
    private boolean followUps = true;
    private int maxFieldLength = DEFAULT_MAX_FIELD_LENGTH;
    private int overflowWarnEvery = DEFAULT_OVERFLOW_WARN_EVERY;
    private boolean jmx = true;
    private long dispatcherStackSize = DEFAULT_DISPATCHER_STACK_SIZE;

    private Builder(Consumer<String> problems, OverflowPolicy overflowPolicy) {
      this.problems = Objects.requireNonNull(problems, "problems");
      this.overflowPolicy = Objects.requireNonNull(overflowPolicy, "overflowPolicy");
    }

    /**
     * Sets one setting from its text; a list setting ({@code appPackages}, {@code includes}, {@code excludes}) is
     * replaced. A {@code null} value leaves the setting as it is.
     *
     * @throws IllegalArgumentException for a name that is no setting (a programming error, not a user's)
     */
    public Builder set(String name, String value) {
      if (value == null) return this;
      try {
        switch (name) {
          case "queueSize" -> queueSize = (int) atLeast(value, 1);
          case "workerThreads" -> workerThreads = (int) atLeast(value, 1);
          case "modelTimeShare" -> modelTimeShare = positive(value);
          case "timeBudget" -> timeBudget = duration(value);
          case "maxBlock" -> maxBlock = duration(value);
          case "drainTimeout" -> drainTimeout = duration(value);
          case "occurrenceWindow" -> occurrenceWindow = positiveDuration(value);
          case "appPackages", "includes", "excludes" -> {
            listOf(name).clear();
            listOf(name).addAll(list(value));
          }
          case "locale" -> locale = locale(value);
          case "cacheSize" -> cacheSize = atLeast(value, 0);
          case "model" -> model = nonBlank(value);
          case "modelLoading" -> modelLoading = modelLoading(value);
          case "overflowPolicy" -> overflowPolicy = overflowPolicy(value);
          case "diagnoseWarn" -> diagnoseWarn = bool(value);
          case "followUps" -> followUps = bool(value);
          case "maxFieldLength" -> maxFieldLength = fieldLength(value);
          case "overflowWarnEvery" -> overflowWarnEvery = (int) atLeast(value, 0);
          case "jmx" -> jmx = bool(value);
          case "dispatcherStackSize" -> dispatcherStackSize = stackSize(value);
          default -> throw new IllegalStateException("no setting named " + name);
        }
      } catch (IllegalArgumentException e) {
        problems.accept(name + "=\"" + value + "\" " + e.getMessage() + "; using " + current(name));
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      return this;
    }

    /** Adds items to a list setting ({@code appPackages}, {@code includes}, {@code excludes}): repeatable elements. */
    public Builder add(String name, String value) {
      listOf(name).addAll(list(value));
      return this;
    }

    /** The settings as they are now. */
    public AppenderSettings build() {
      return new AppenderSettings(this);
    }

    private List<String> listOf(String name) {
      return switch (name) {
        case "appPackages" -> appPackages;
        case "includes" -> includes;
        case "excludes" -> excludes;
        default -> throw new IllegalArgumentException("no list setting named " + name);
      };
    }

    /** The value a setting keeps after an unreadable one, as text for the report. */
    private String current(String name) {
      return switch (name) {
        case "locale" -> locale == null ? "the JVM's locale" : locale.getLanguage();
        case "timeBudget" -> timeBudget.toMillis() + "ms";
        case "maxBlock" -> maxBlock.toMillis() + "ms";
        case "drainTimeout" -> drainTimeout.toMillis() + "ms";
        case "occurrenceWindow" -> occurrenceWindow.toMillis() + "ms";
        default -> {
          String all = build().toString();
          int at = all.indexOf(name + "=");
          int end = all.indexOf(", ", at);
          yield all.substring(at + name.length() + 1, end < 0 ? all.length() : end);
        }
      };
    }

    private static long atLeast(String value, long min) {
      long v;
      try {
        v = Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("is not a whole number");
      }
      if (v < min || v > Integer.MAX_VALUE && min > 0)
        throw new IllegalArgumentException("must be at least " + min);
      return v;
    }

    private static double positive(String value) {
      double v;
      try {
        v = Double.parseDouble(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("is not a number");
      }
      if (!(v > 0)) throw new IllegalArgumentException("must be greater than 0");
      return v;
    }

    private static Duration positiveDuration(String value) {
      Duration d = duration(value);
      if (d.isZero()) throw new IllegalArgumentException("must be more than zero");
      return d;
    }

    private static String nonBlank(String value) {
      if (value.isBlank()) throw new IllegalArgumentException("is empty");
      return value.trim();
    }

    private static OverflowPolicy overflowPolicy(String value) {
      String v = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
      for (OverflowPolicy p : OverflowPolicy.values()) {
        if (p.name().equals(v)) return p;
      }
      throw new IllegalArgumentException(
          "is not one of " + Arrays.toString(OverflowPolicy.values()));
    }

    private static ModelLoading modelLoading(String value) {
      String v = value.trim().toUpperCase(Locale.ROOT);
      for (ModelLoading m : ModelLoading.values()) {
        if (m.name().equals(v)) return m;
      }
      throw new IllegalArgumentException("is not blocking or background");
    }

    private static boolean bool(String value) {
      String v = value.trim();
      if ("true".equalsIgnoreCase(v)) return true;
      if ("false".equalsIgnoreCase(v)) return false;
      throw new IllegalArgumentException("is not true or false");
    }

    private static long stackSize(String value) {
      long v = bytes(value);
      if (v < MIN_DISPATCHER_STACK_SIZE) {
        throw new IllegalArgumentException("must be at least " + size(MIN_DISPATCHER_STACK_SIZE));
      }
      return v;
    }

    private static int fieldLength(String value) {
      long v = atLeast(value, 0);
      if (v > 0 && v < MIN_MAX_FIELD_LENGTH) {
        throw new IllegalArgumentException("must be 0 (uncut) or at least " + MIN_MAX_FIELD_LENGTH);
      }
      return (int) Math.min(v, Integer.MAX_VALUE);
    }
  }
}
