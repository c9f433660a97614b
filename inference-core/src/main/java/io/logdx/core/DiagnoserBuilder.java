package io.logdx.core;

import io.logdx.core.internal.Engine;
import io.logdx.core.stage1.ModelLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds a {@link Diagnoser}. Every setting has a default ({@code DEFAULT_*}); {@code Diagnoser.builder().build()}
 * gives a working engine with the model shipped in this jar.
 */
public final class DiagnoserBuilder {
  /** Default number of cached fingerprints: {@value}. */
  public static final long DEFAULT_CACHE_SIZE = 10_000;
  /** Default cache expiry after write, in minutes: {@value}. */
  public static final long DEFAULT_CACHE_EXPIRY_MINUTES = 60;
  /** Default worker threads: {@value}. Diagnosis is CPU work; one thread keeps it off the host's cores. */
  public static final int DEFAULT_WORKER_THREADS = 1;
  /** Default time budget of one synchronous diagnosis, in milliseconds: {@value}. */
  public static final long DEFAULT_TIME_BUDGET_MILLIS = 2_000;
  /** Default cap on the characters of input read (a 10 MB message is cut, not refused): {@value}. */
  public static final int DEFAULT_MAX_INPUT_CHARS = 256 * 1024;
  /**
   * Default share of one core that model runs may take on average: {@value}. See {@link #modelTimeShare}.
   */
  public static final double DEFAULT_MODEL_TIME_SHARE = 0.1;
  /**
   * Default model time that may be spent at once after a quiet period, in milliseconds: {@value}. Sized for the
   * start of an incident with about a thousand new failures: on a busy 2-core machine one model run takes about
   * 1 ms of wall time (0.6 ms of it computing), so 2 s diagnose them all at once; with 1 s, half of them waited for
   * the tenth of a core to refill (cold storm of 1 000 new failures: 99% enriched after 6.5 s instead of 1.5 s).
   */
  public static final long DEFAULT_MODEL_TIME_BURST_MILLIS = 2_000;
  /** Model location meaning "the model shipped in this jar, or the rules when it cannot load". */
  public static final String DEFAULT_MODEL = ModelLoader.DEFAULT;

  private String model = DEFAULT_MODEL;
  private Classifier classifier;
  private Generator generator;
  private long cacheSize = DEFAULT_CACHE_SIZE;
  private Duration cacheExpiry = Duration.ofMinutes(DEFAULT_CACHE_EXPIRY_MINUTES);
  private int workerThreads = DEFAULT_WORKER_THREADS;
  private Duration timeBudget = Duration.ofMillis(DEFAULT_TIME_BUDGET_MILLIS);
  private final List<String> appPackages = new ArrayList<>();
  private Locale locale;
  private int maxInputChars = DEFAULT_MAX_INPUT_CHARS;
  private double modelTimeShare = DEFAULT_MODEL_TIME_SHARE;
  private Duration modelTimeBurst = Duration.ofMillis(DEFAULT_MODEL_TIME_BURST_MILLIS);

  DiagnoserBuilder() {}

  /**
   * Where stage 1 comes from: {@code default} (the shipped model), {@code rules} (the rule-based classifier),
   * a {@code classpath:} resource folder or a file-system folder holding a model exported by the trainer.
   * A model that cannot load falls back to the rules, with the reason in the model id.
   */
  public DiagnoserBuilder model(String location) {
    this.model = Objects.requireNonNull(location, "location");
    return this;
  }

  /** Uses this stage 1 instead of loading {@link #model(String)}; the caller keeps ownership. */
  public DiagnoserBuilder classifier(Classifier classifier) {
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    return this;
  }

  /** Uses this stage 2 instead of the shipped knowledge-base generator. */
  public DiagnoserBuilder generator(Generator generator) {
    this.generator = Objects.requireNonNull(generator, "generator");
    return this;
  }

  /** Maximum number of cached fingerprints; 0 disables caching (every call computes). */
  public DiagnoserBuilder cacheSize(long size) {
    if (size < 0) throw new IllegalArgumentException("cacheSize must be >= 0: " + size);
    this.cacheSize = size;
    return this;
  }

  /** How long a diagnosis stays cached after it was computed. */
  public DiagnoserBuilder cacheExpiry(Duration expiry) {
    if (expiry.isNegative() || expiry.isZero()) throw new IllegalArgumentException("cacheExpiry must be > 0");
    this.cacheExpiry = expiry;
    return this;
  }

  /** Worker threads that run the models (daemon threads named {@code logdx-worker-N}). */
  public DiagnoserBuilder workerThreads(int threads) {
    if (threads < 1) throw new IllegalArgumentException("workerThreads must be >= 1: " + threads);
    this.workerThreads = threads;
    return this;
  }

  /** Time budget of {@link Diagnoser#diagnoseNow}. */
  public DiagnoserBuilder timeBudget(Duration budget) {
    if (budget.isNegative() || budget.isZero()) throw new IllegalArgumentException("timeBudget must be > 0");
    this.timeBudget = budget;
    return this;
  }

  /** Package prefixes of the application's own code, e.g. {@code com.acme}; they decide the location first. */
  public DiagnoserBuilder appPackages(String... prefixes) {
    return appPackages(Arrays.asList(prefixes));
  }

  /** Package prefixes of the application's own code. Blank entries are ignored. */
  public DiagnoserBuilder appPackages(Collection<String> prefixes) {
    for (String p : prefixes) {
      if (p != null && !p.isBlank()) {
        appPackages.add(p.trim());
      }
    }
    return this;
  }

  /** Language of cause and fix: Korean for {@code ko}, English otherwise. Default: the JVM's locale. */
  public DiagnoserBuilder locale(Locale locale) {
    this.locale = Objects.requireNonNull(locale, "locale");
    return this;
  }

  /** Inputs longer than this are cut (and marked truncated) before parsing. */
  public DiagnoserBuilder maxInputChars(int chars) {
    if (chars < 1024) throw new IllegalArgumentException("maxInputChars must be >= 1024: " + chars);
    this.maxInputChars = chars;
    return this;
  }

  /**
   * How much model time never-seen failures may take, in seconds per second (0.1, the default: a tenth of one
   * core, some hundreds of new failures a second), after a burst of {@link #modelTimeBurst} (2 s by default). A cached diagnosis costs no model time and is never limited.
   * Past the budget a never-seen failure gets status {@code overflow} at once and nothing is cached, so a later
   * occurrence is diagnosed once the budget has refilled. This keeps a flood of new failures from taking the host's cores; a batch job that owns
   * its machine (the command line) passes {@link Double#POSITIVE_INFINITY} for no limit.
   */
  public DiagnoserBuilder modelTimeShare(double share) {
    if (!(share > 0)) throw new IllegalArgumentException("modelTimeShare must be > 0: " + share);
    this.modelTimeShare = share;
    return this;
  }

  /** Model time that may be spent at once after a quiet period (start-up, the first minutes of an incident). */
  public DiagnoserBuilder modelTimeBurst(Duration burst) {
    if (burst.isNegative()) throw new IllegalArgumentException("modelTimeBurst must be >= 0");
    this.modelTimeBurst = burst;
    return this;
  }

  /** Builds the engine, loading the model. Never fails because of the model: see {@link #model(String)}. */
  public Diagnoser build() {
    Locale effective = locale != null ? locale : Locale.getDefault();
    return new Engine(model, classifier, generator, cacheSize, cacheExpiry, workerThreads, timeBudget,
        List.copyOf(appPackages), effective, maxInputChars, modelTimeShare, modelTimeBurst);
  }
}
